package ua.vikno.sms;

/** Why an SMS operation failed: a small closed family, each carrying the offending value. */
public abstract sealed class SmsFailure extends RuntimeException {

    private SmsFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** The message itself cannot be sent as given (empty text, bad id, missing template value). */
    public static final class InvalidMessage extends SmsFailure {
        public InvalidMessage(String message) {
            super(message, null);
        }
    }

    /** The configuration cannot work with SMPP, e.g. a password longer than SMPP 3.4 allows; names the path. */
    public static final class Misconfigured extends SmsFailure {
        public Misconfigured(String path, String message) {
            super(path + ": " + message, null);
        }
    }

    /** Redis did not take or give the outbox state. */
    public static final class StoreUnavailable extends SmsFailure {
        public StoreUnavailable(String operation, Throwable cause) {
            super("Redis unavailable during " + operation + ": " + cause.getMessage(), cause);
        }
    }

    /** No bound SMPP session to submit on. */
    public static final class SmscUnavailable extends SmsFailure {
        public SmscUnavailable(String reason) {
            super("SMSC unavailable: " + reason, null);
        }
    }

    /** The SMSC answered with ESME_RTHROTTLED (0x58): retry later, without counting an attempt. */
    public static final class Throttled extends SmsFailure {
        public Throttled() {
            super("SMSC throttled the submit (ESME_RTHROTTLED 0x58)", null);
        }
    }

    /** The SMSC answered submit_sm with an error command_status. */
    public static final class Rejected extends SmsFailure {
        private final int commandStatus;

        public Rejected(int commandStatus) {
            super(String.format("SMSC rejected the submit with command_status 0x%08X", commandStatus), null);
            this.commandStatus = commandStatus;
        }

        public int commandStatus() {
            return commandStatus;
        }
    }

    /** No submit_sm_resp within the transaction timer; the SMSC may or may not have the message. */
    public static final class ResponseTimeout extends SmsFailure {
        public ResponseTimeout(long millis) {
            super("no submit_sm_resp within " + millis + " ms", null);
        }
    }

    /** The gateway is not running. */
    public static final class Stopped extends SmsFailure {
        public Stopped() {
            super("SMS gateway is stopped", null);
        }
    }
}
