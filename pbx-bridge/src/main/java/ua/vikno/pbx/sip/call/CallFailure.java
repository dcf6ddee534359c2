package ua.vikno.pbx.sip.call;

import ua.vikno.pbx.HangupCause;

/** Why the engine could not place a call, with the cause a call record would carry. */
public final class CallFailure extends RuntimeException {
    private final HangupCause cause;

    public CallFailure(HangupCause cause, String detail) {
        super(detail + " (" + cause + ")", null, false, false);
        this.cause = cause;
    }

    public HangupCause hangupCause() {
        return cause;
    }
}
