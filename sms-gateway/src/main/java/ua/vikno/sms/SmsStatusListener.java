package ua.vikno.sms;

/** Receives status changes of outgoing SMS, on the gateway's Vert.x context; must not block. */
@FunctionalInterface
public interface SmsStatusListener {
    void onStatus(SmsStatusEvent event);

    /** A listener that ignores every event. */
    static SmsStatusListener none() {
        return event -> { };
    }
}
