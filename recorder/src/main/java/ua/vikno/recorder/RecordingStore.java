package ua.vikno.recorder;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.vertx.core.Future;

/**
 * Where recording metadata is kept (Redis in production: {@link RedisRecordingStore}). Every method is
 * asynchronous and may complete on the store's own threads: callers do blocking work elsewhere.
 */
public interface RecordingStore {

    /** Notes a recording that has started: who, when, and the WAV being written (state {@code recording}). */
    Future<Void> begin(String callId, String caller, String dialled, Instant startedAt, String wavPath);

    /** Notes the party the caller was bridged to. */
    Future<Void> operator(String callId, String operator);

    /** Marks a recording failed before it could be finished (its WAV, if any, waits for the next start). */
    Future<Void> failed(String callId, String reason);

    /** Writes the whole record (a stored or failed recording) and indexes it by its start. */
    Future<Void> put(StoredRecording recording);

    /** What is known of a call's recording, however far it got. */
    Future<Optional<StoredRecording>> get(String callId);

    /** Calls whose recording started at or before {@code cutoff}, oldest first, at most {@code limit}. */
    Future<List<String>> startedAtOrBefore(Instant cutoff, int limit);

    /** Forgets a recording's metadata and its index entry. */
    Future<Void> delete(String callId);
}
