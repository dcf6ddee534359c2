package ua.vikno.recorder.internal;

import java.nio.file.Path;

/** A WAV with a valid header, ready for conversion: a call that ended, or a file repaired after a crash. */
public record FinishedWav(RecordingInfo info, Path wav, long dataBytes) {
}
