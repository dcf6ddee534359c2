package ua.vikno.sms;

/** Whether the gateway can send right now, and if not, why. */
public record SmsHealth(State state, String reason) {

    /** UP: bound to the SMSC and Redis answers; DOWN: one of them is not. */
    public enum State { UP, DOWN }

    public static SmsHealth up() {
        return new SmsHealth(State.UP, "");
    }

    public static SmsHealth down(String reason) {
        return new SmsHealth(State.DOWN, reason);
    }

    public boolean isUp() {
        return state == State.UP;
    }
}
