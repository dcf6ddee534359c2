package ua.vikno.recorder.internal;

import java.time.Instant;
import java.util.Optional;

/** Who and when, for a recording's metadata. */
public record RecordingInfo(String callId, String caller, Optional<String> operator, String dialled, Instant startedAt) {
}
