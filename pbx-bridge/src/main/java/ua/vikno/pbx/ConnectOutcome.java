package ua.vikno.pbx;

/** The result of {@link Call#connect}: bridged to a party, or not connected and why. */
public sealed interface ConnectOutcome {

    /** The caller now talks to {@code party}. */
    record Bridged(Party party) implements ConnectOutcome {
    }

    /** Nobody was connected; the caller is still on the call (unless the cause is {@link HangupCause#CALLER_ABANDONED}). */
    record NotConnected(HangupCause cause) implements ConnectOutcome {
    }
}
