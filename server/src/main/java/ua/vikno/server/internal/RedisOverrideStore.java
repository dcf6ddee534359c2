package ua.vikno.server.internal;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import ua.vikno.ivr.schedule.Openness;
import ua.vikno.ivr.schedule.OverrideStore;
import ua.vikno.ivr.schedule.ScheduleOverride;

/**
 * The schedule override in Redis (one key that expires with the override), shared by every node. Calls must be
 * answered while Redis is away: then the override last read is used (the gate still drops it once it expires), at
 * once while the connection is known to be down, else when the read fails.
 */
public final class RedisOverrideStore implements OverrideStore {
    static final String KEY = "vikno:schedule:override";
    private static final Logger LOG = LoggerFactory.getLogger(RedisOverrideStore.class);
    private final RedisAsyncCommands<String, String> redis;
    private volatile Optional<ScheduleOverride> lastRead = Optional.empty();

    public RedisOverrideStore(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    @Override
    public Future<Optional<ScheduleOverride>> current() {
        if (!redis.getStatefulConnection().isOpen()) {
            return Future.succeededFuture(lastRead);
        }
        return OnCallerContext.on(redis.get(KEY))
                .map(json -> {
                    lastRead = Optional.ofNullable(json).map(RedisOverrideStore::decode);
                    return lastRead;
                })
                .recover(e -> {
                    LOG.warn("the schedule override could not be read ({}); using the one read last: {}", e.toString(),
                            lastRead.map(o -> o.state() + " until " + o.expiresAt()).orElse("none"));
                    return Future.succeededFuture(lastRead);
                });
    }

    /** Reads the override again, so that the one read last is the newest while Redis is away later. */
    Future<Void> reread() {
        return current().mapEmpty();
    }

    @Override
    public Future<Void> set(ScheduleOverride o) {
        JsonObject json = new JsonObject().put("state", o.state().name()).put("prompt", o.prompt().orElse(null))
                .put("expiresAt", o.expiresAt().toString()).put("reason", o.reason());
        return OnCallerContext.on(redis.set(KEY, json.encode(), SetArgs.Builder.pxAt(o.expiresAt().toEpochMilli())))
                .onSuccess(ok -> lastRead = Optional.of(o)).mapEmpty();
    }

    @Override
    public Future<Void> clear() {
        return OnCallerContext.on(redis.del(KEY)).onSuccess(n -> lastRead = Optional.empty()).mapEmpty();
    }

    private static ScheduleOverride decode(String text) {
        JsonObject j = new JsonObject(text);
        return new ScheduleOverride(Openness.valueOf(j.getString("state")), Optional.ofNullable(j.getString("prompt")),
                Instant.parse(j.getString("expiresAt")), j.getString("reason", ""));
    }
}
