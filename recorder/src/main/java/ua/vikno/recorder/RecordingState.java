package ua.vikno.recorder;

/** Where a recording is in its life, as its metadata says. */
public enum RecordingState {
    /** The call runs; a WAV is being written. */
    RECORDING,
    /** The file at the metadata's path is the final recording, verified. */
    STORED,
    /** Conversion or metadata failed; the WAV at the metadata's path is kept and retried on the next start. */
    FAILED
}
