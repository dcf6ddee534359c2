package ua.vikno.pbx;

/** Where a call is, seen from the caller's leg. */
public enum CallState {
    /** The call has arrived and is not answered yet. */
    OFFERED,
    /** Answered by Vikno: prompts, menus, queue, voicemail. */
    ANSWERED,
    /** Another party is being rung while the caller hears ringback or hold music. */
    CONNECTING,
    /** Talking to another party. */
    BRIDGED,
    /** Over; the call record has been published. */
    ENDED
}
