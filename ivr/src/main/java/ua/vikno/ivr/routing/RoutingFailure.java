package ua.vikno.ivr.routing;

/** A call could not be routed because of the configuration or the back end; the call is ended with this cause. */
public final class RoutingFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String callId;

    public RoutingFailure(String callId, String message) {
        super("call=" + callId + ": " + message);
        this.callId = callId;
    }

    public String callId() {
        return callId;
    }
}
