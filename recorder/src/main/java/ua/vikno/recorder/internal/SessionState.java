package ua.vikno.recorder.internal;

/** Where one call's recording is. */
public enum SessionState {
    /** Watching the call's events; not bridged yet (or IVR not recorded). */
    WAITING,
    /** Tapped: frames are queued and written. */
    RECORDING,
    /** The WAV is complete and handed to conversion. */
    FINISHED,
    /** The WAV could not be written; what was written is left for repair on the next start. */
    FAILED,
    /** The call ended without anything to record. */
    NOT_RECORDED
}
