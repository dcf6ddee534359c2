package ua.vikno.ivr.callback;

import java.util.List;

import io.vertx.core.Future;

/**
 * Where a node keeps its pending call-backs so that a restart neither forgets nor repeats one; the server backs
 * it with Redis. Every operation may fail (the store is away): the IVR retries it ({@link CallbackJournal}).
 */
public interface CallbackStore {

    /** Saves or replaces the call-back of {@code callback.callId()}. */
    Future<Void> save(PendingCallback callback);

    /** Forgets the call-back of {@code callId}; harmless when there is none. */
    Future<Void> remove(String callId);

    /** Every call-back kept, in no particular order. */
    Future<List<PendingCallback>> load();

    /** A store that keeps nothing: call-backs live only in memory. */
    CallbackStore NONE = new CallbackStore() {
        @Override
        public Future<Void> save(PendingCallback callback) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> remove(String callId) {
            return Future.succeededFuture();
        }

        @Override
        public Future<List<PendingCallback>> load() {
            return Future.succeededFuture(List.of());
        }
    };
}
