package ua.vikno.pbx;

/** How a playback ended. */
public enum PlaybackOutcome {
    /** The prompt played to its end. */
    FINISHED,
    /** A DTMF digit interrupted it. */
    INTERRUPTED,
    /** {@link Call#stopPlayback()} stopped it. */
    STOPPED,
    /** The call ended while it played. */
    HUNG_UP
}
