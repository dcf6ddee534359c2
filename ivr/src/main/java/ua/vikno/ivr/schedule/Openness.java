package ua.vikno.ivr.schedule;

/** Whether the contact centre takes calls in working-hours mode. */
public enum Openness {
    /** Working hours: the open branch of a flow. */
    OPEN,
    /** Non-working hours, a break, a holiday or a forced closure: the closed branch. */
    CLOSED;

    /** The value noted in the call record ({@code open} or {@code closed}). */
    public String note() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
