package ua.vikno.pbx;

/** Why a call or a connection attempt ended (the subset of Q.850 causes that matter to a contact centre). */
public enum HangupCause {
    /** A party hung up. */
    NORMAL,
    /** The called line was busy (SIP 486). */
    BUSY,
    /** Nobody answered within the ring timeout (SIP 408/480 after ringing). */
    NO_ANSWER,
    /** The line is not registered or the number cannot be reached (SIP 404/480). */
    UNAVAILABLE,
    /** The other side refused the call (SIP 603). */
    REJECTED,
    /** The caller gave up before being answered or connected (SIP CANCEL). */
    CALLER_ABANDONED,
    /** No media for too long, or the session timer expired. */
    MEDIA_TIMEOUT,
    /** Offer and answer had no codec in common (SIP 488). */
    INCOMPATIBLE_MEDIA,
    /** Vikno failed; the record says how. */
    SYSTEM_ERROR
}
