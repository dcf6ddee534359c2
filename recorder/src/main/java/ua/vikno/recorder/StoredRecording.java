package ua.vikno.recorder;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import ua.vikno.config.Recording;

/**
 * A recording's metadata, as kept in Redis.
 *
 * @param operator  the number or extension of the party the caller was bridged to, when known
 * @param startedAt when recording started
 * @param sizeBytes the size of the file at {@code path}
 * @param sha256    hex SHA-256 of the file at {@code path}
 * @param path      the file, relative to the recording directory, with {@code /} separators
 * @param state     where the recording is in its life
 * @param failure   why it is {@link RecordingState#FAILED}
 */
public record StoredRecording(String callId, String caller, Optional<String> operator, String dialled,
                              Instant startedAt, Duration duration, long sizeBytes, Recording.Format format,
                              String sha256, String path, RecordingState state, Optional<String> failure) {
}
