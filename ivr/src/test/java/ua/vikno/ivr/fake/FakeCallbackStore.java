package ua.vikno.ivr.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.Future;
import ua.vikno.ivr.callback.CallbackStore;
import ua.vikno.ivr.callback.PendingCallback;

/** Call-backs kept in a map, as Redis would keep them; {@link #refuse} makes every operation fail, as Redis away. */
public final class FakeCallbackStore implements CallbackStore {
    private final Map<String, PendingCallback> kept = new LinkedHashMap<>();
    private final List<String> operations = new ArrayList<>();
    private boolean refusing;
    private boolean refusingLoads;

    /** While true, every operation fails (and is counted). */
    public void refuse(boolean refusing) {
        this.refusing = refusing;
    }

    /** While true, reads fail (writes still succeed unless {@link #refuse} says otherwise). */
    public void refuseLoads(boolean refusing) {
        this.refusingLoads = refusing;
    }

    public Map<String, PendingCallback> kept() {
        return Map.copyOf(kept);
    }

    /** Every operation asked, {@code save c1}, {@code remove c1}, {@code load}, failed ones too. */
    public List<String> operations() {
        return List.copyOf(operations);
    }

    public void put(PendingCallback cb) {
        kept.put(cb.callId(), cb);
    }

    @Override
    public Future<Void> save(PendingCallback callback) {
        operations.add("save " + callback.callId());
        if (refusing) {
            return Future.failedFuture("Redis is away");
        }
        kept.put(callback.callId(), callback);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> remove(String callId) {
        operations.add("remove " + callId);
        if (refusing) {
            return Future.failedFuture("Redis is away");
        }
        kept.remove(callId);
        return Future.succeededFuture();
    }

    @Override
    public Future<List<PendingCallback>> load() {
        operations.add("load");
        return refusing || refusingLoads ? Future.failedFuture("Redis is away") : Future.succeededFuture(List.copyOf(kept.values()));
    }
}
