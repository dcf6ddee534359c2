package ua.vikno.appeals;

/** How the call behind an appeal ended. */
public enum AppealKind {
    /** An operator talked to the resident. */
    ANSWERED,
    /** The resident left a voicemail. */
    VOICEMAIL,
    /** Nobody answered (no operator free, ring timeout, out of hours without a message). */
    MISSED,
    /** The resident hung up while waiting; to be called back. */
    ABANDONED,
    /** The resident asked the queue to call them back instead of waiting on the line. */
    CALLBACK
}
