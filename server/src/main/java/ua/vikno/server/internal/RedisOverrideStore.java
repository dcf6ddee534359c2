package ua.vikno.server.internal;

import java.time.Instant;
import java.util.Optional;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import ua.vikno.ivr.schedule.Openness;
import ua.vikno.ivr.schedule.OverrideStore;
import ua.vikno.ivr.schedule.ScheduleOverride;

/** The schedule override in Redis (one key that expires with the override), shared by every node. */
public final class RedisOverrideStore implements OverrideStore {
    static final String KEY = "vikno:schedule:override";
    private final RedisAsyncCommands<String, String> redis;

    public RedisOverrideStore(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    @Override
    public Future<Optional<ScheduleOverride>> current() {
        return Future.fromCompletionStage(redis.get(KEY)).map(json -> Optional.ofNullable(json).map(RedisOverrideStore::decode));
    }

    @Override
    public Future<Void> set(ScheduleOverride o) {
        JsonObject json = new JsonObject().put("state", o.state().name()).put("prompt", o.prompt().orElse(null))
                .put("expiresAt", o.expiresAt().toString()).put("reason", o.reason());
        return Future.fromCompletionStage(redis.set(KEY, json.encode(), SetArgs.Builder.pxAt(o.expiresAt().toEpochMilli())))
                .mapEmpty();
    }

    @Override
    public Future<Void> clear() {
        return Future.fromCompletionStage(redis.del(KEY)).mapEmpty();
    }

    private static ScheduleOverride decode(String text) {
        JsonObject j = new JsonObject(text);
        return new ScheduleOverride(Openness.valueOf(j.getString("state")), Optional.ofNullable(j.getString("prompt")),
                Instant.parse(j.getString("expiresAt")), j.getString("reason", ""));
    }
}
