package ua.vikno.pbx.rtp;

/** How a playback ended. */
public enum PlaybackEnd {
    /** Every frame of the prompt was sent. */
    FINISHED,
    /** Stopped early: by another playback, by {@code stopPlayback} (barge-in) or by closing the session. */
    STOPPED
}
