package ua.vikno.ivr.callback;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import ua.vikno.ivr.Timers;

/**
 * Writes pending call-backs to a {@link CallbackStore}, and keeps trying while the node runs when the store refuses:
 * the latest wish for each call-back wins (a removal asked for while a save is retried is what ends up stored), one
 * write per call-back at a time, retried after 1, 2, 4... seconds, at most {@link #MAX_BACKOFF} apart.
 */
public final class CallbackJournal {
    /** The longest wait between two tries of a write or a restore. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(CallbackJournal.class);

    private final CallbackStore store;
    private final Timers timers;
    /** What is to be written for each call-back: a save, or a removal (empty). */
    private final Map<String, Optional<PendingCallback>> wanted = new HashMap<>();
    /** Call-backs whose write is under way or waiting for its retry, with the back-off of the next failure. */
    private final Map<String, Duration> busy = new HashMap<>();
    /** Call-backs this run has saved or removed: what the store held before knows less about them. */
    private final java.util.Set<String> touched = new java.util.HashSet<>();
    private boolean stopped;

    public CallbackJournal(CallbackStore store, Timers timers) {
        this.store = store;
        this.timers = timers;
    }

    /** Saves {@code callback} (asked for, or an attempt used up). */
    public synchronized void save(PendingCallback callback) {
        want(callback.callId(), Optional.of(callback));
    }

    /** Forgets the call-back of {@code callId} (served, given up or expired). */
    public synchronized void remove(String callId) {
        want(callId, Optional.empty());
    }

    /** Writes waiting for a retry, for tests and health. */
    public synchronized int waiting() {
        return busy.size();
    }

    /** Stops retrying; what is not written by now stays as the store has it. */
    public synchronized void stop() {
        stopped = true;
    }

    /**
     * Reads every call-back kept, oldest place first, trying again with back-off while the store refuses; the
     * future completes once a read succeeded. Call-backs this run has already saved or removed (asked for, or
     * served, while the read was being retried) are left out: this run knows them better than the store.
     */
    public Future<List<PendingCallback>> load() {
        Promise<List<PendingCallback>> loaded = Promise.promise();
        load(loaded, FIRST_BACKOFF);
        return loaded.future();
    }

    private void load(Promise<List<PendingCallback>> loaded, Duration backoff) {
        store.load().onComplete(ar -> {
            if (ar.succeeded()) {
                loaded.complete(ar.result().stream()
                        .filter(kept -> !touched(kept.callId()))
                        .sorted(java.util.Comparator.comparing(PendingCallback::joinedAt)
                                .thenComparing(PendingCallback::requestedAt))
                        .toList());
                return;
            }
            synchronized (this) {
                if (stopped) {
                    loaded.fail(ar.cause());
                    return;
                }
            }
            LOG.warn("pending call-backs could not be read: {}; trying again in {} s", ar.cause().toString(),
                    backoff.toSeconds());
            timers.schedule(backoff, () -> load(loaded, next(backoff)));
        });
    }

    private synchronized boolean touched(String callId) {
        return touched.contains(callId);
    }

    private void want(String callId, Optional<PendingCallback> what) {
        touched.add(callId);
        wanted.put(callId, what);
        if (!busy.containsKey(callId)) {
            busy.put(callId, FIRST_BACKOFF);
            write(callId);
        }
    }

    /** Writes the latest wish for {@code callId}; called with {@code callId} marked busy. */
    private synchronized void write(String callId) {
        Optional<PendingCallback> what = wanted.remove(callId);
        if (what == null || stopped) {
            busy.remove(callId);
            return;
        }
        Future<Void> written = what.isPresent() ? store.save(what.get()) : store.remove(callId);
        written.onComplete(ar -> written(callId, what, ar.failed() ? ar.cause() : null));
    }

    private synchronized void written(String callId, Optional<PendingCallback> what, Throwable failure) {
        if (failure == null) {
            busy.put(callId, FIRST_BACKOFF);
            write(callId);   // a newer wish that came meanwhile, if any
            return;
        }
        wanted.putIfAbsent(callId, what);   // unless a newer wish replaces it
        Duration backoff = busy.getOrDefault(callId, FIRST_BACKOFF);
        busy.put(callId, next(backoff));
        LOG.warn("call={} call-back could not be {} the store: {}; trying again in {} s", callId,
                what.isPresent() ? "saved in" : "removed from", failure.toString(), backoff.toSeconds());
        timers.schedule(backoff, () -> write(callId));
    }

    private static Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }
}
