package ua.vikno.pbx.sip;

/** The named ways the SIP engine fails. */
public abstract sealed class SipFailure extends RuntimeException
        permits SipFailure.BindFailed, SipFailure.StorageFailed, SipFailure.BadRequest {

    protected SipFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** A listening point could not be opened. */
    public static final class BindFailed extends SipFailure {
        public BindFailed(String transport, String address, int port, Throwable cause) {
            super("cannot listen for SIP on " + transport + " " + address + ":" + port + ": " + cause.getMessage(),
                    cause);
        }
    }

    /** The location service (Redis) did not answer as expected. */
    public static final class StorageFailed extends SipFailure {
        public StorageFailed(String operation, Throwable cause) {
            super("location service failed to " + operation + ": " + cause.getMessage(), cause);
        }
    }

    /** A request is understood as SIP but cannot be served as sent; answered with 400. */
    public static final class BadRequest extends SipFailure {
        private final String reason;

        public BadRequest(String reason) {
            super("bad request: " + reason, null);
            this.reason = reason;
        }

        /** The reason phrase of the 400 response. */
        public String reason() {
            return reason;
        }
    }
}
