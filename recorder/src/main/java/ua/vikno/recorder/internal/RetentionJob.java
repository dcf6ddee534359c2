package ua.vikno.recorder.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import ua.vikno.recorder.RecordingStore;
import ua.vikno.recorder.StoredRecording;
import io.vertx.core.Promise;

/**
 * Deletes recordings older than the retention: for each call whose recording started before {@code now - retention}
 * (by the injected clock), its files (stored, partial and unfinished WAV) and then its metadata. Files are deleted on
 * the given executor, never on Lettuce's threads; a file that cannot be deleted keeps its metadata for the next run.
 */
public final class RetentionJob {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final int BATCH = 500;

    private final RecordingStore store;
    private final RecordingFiles files;
    private final Clock clock;
    private final Duration retention;
    private final Executor blocking;
    private final Predicate<String> active;

    /** @param active whether a call is being recorded now (never deleted, whatever its age) */
    public RetentionJob(RecordingStore store, RecordingFiles files, Clock clock, Duration retention,
                        Executor blocking, Predicate<String> active) {
        this.store = store;
        this.files = files;
        this.clock = clock;
        this.retention = retention;
        this.blocking = blocking;
        this.active = active;
    }

    /** One pass; completes with the number of recordings deleted. */
    public Future<Integer> run() {
        Instant cutoff = clock.instant().minus(retention);
        return store.startedAtOrBefore(cutoff, BATCH).compose(ids -> deleteEach(ids, 0, 0));
    }

    private Future<Integer> deleteEach(List<String> ids, int i, int deleted) {
        if (i == ids.size()) {
            if (deleted > 0) {
                log.atInfo().addKeyValue("deleted", deleted).addKeyValue("retention", retention).log("old recordings deleted");
            }
            return Future.succeededFuture(deleted);
        }
        String callId = ids.get(i);
        if (active.test(callId)) {
            return deleteEach(ids, i + 1, deleted);
        }
        return store.get(callId)
                .compose(found -> onBlocking(() -> deleteFiles(callId, found)))
                .compose(v -> store.delete(callId))
                .map(v -> 1)
                .recover(e -> {
                    log.atWarn().addKeyValue("call", callId).log("cannot delete an old recording: {}", e.toString());
                    return Future.succeededFuture(0);
                })
                .compose(n -> deleteEach(ids, i + 1, deleted + n));
    }

    private Void deleteFiles(String callId, Optional<StoredRecording> found) throws IOException {
        if (found.isEmpty()) {
            return null;
        }
        StoredRecording r = found.get();
        if (!r.path().isEmpty()) {
            Path file = files.resolve(r.path());
            Files.deleteIfExists(file);
            Files.deleteIfExists(RecordingFiles.partial(file));
        }
        Files.deleteIfExists(files.unfinished(callId, r.startedAt()));
        return null;
    }

    private <T> Future<T> onBlocking(java.util.concurrent.Callable<T> work) {
        Promise<T> p = Promise.promise();
        blocking.execute(() -> {
            try {
                p.complete(work.call());
            } catch (Exception e) {
                p.fail(e);
            }
        });
        return p.future();
    }
}
