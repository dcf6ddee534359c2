package ua.vikno.pbx.sip.call;

/**
 * The signalling of a call's first leg as the call drives it: the {@link ServerLeg} of an incoming call, or the
 * answered {@link ClientLeg} of a call Vikno placed.
 */
interface CallerSide {

    /** Tells the caller another party is ringing (180), if it still can be told. */
    void ring();

    /** Ends the leg: BYE once answered, else a final response {@code statusIfUnanswered}. */
    void end(int statusIfUnanswered);
}
