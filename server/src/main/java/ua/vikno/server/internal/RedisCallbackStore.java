package ua.vikno.server.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import ua.vikno.ivr.callback.CallbackStore;
import ua.vikno.ivr.callback.PendingCallback;

/**
 * This node's pending queue call-backs in Redis: one hash {@code vikno:node:<node>:callbacks}, a field per
 * resident's call id holding the call-back as JSON. Per node, like the live calls: a call-back is the node's own
 * until it is served, given up or expired.
 */
public final class RedisCallbackStore implements CallbackStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCallbackStore.class);
    private final RedisAsyncCommands<String, String> redis;
    private final String key;

    public RedisCallbackStore(RedisAsyncCommands<String, String> redis, String node) {
        this.redis = redis;
        this.key = key(node);
    }

    static String key(String node) {
        return "vikno:node:" + node + ":callbacks";
    }

    @Override
    public Future<Void> save(PendingCallback cb) {
        return OnCallerContext.on(redis.hset(key, cb.callId(), encode(cb))).mapEmpty();
    }

    @Override
    public Future<Void> remove(String callId) {
        return OnCallerContext.on(redis.hdel(key, callId)).mapEmpty();
    }

    @Override
    public Future<List<PendingCallback>> load() {
        return OnCallerContext.on(redis.hgetall(key)).map(all -> {
            List<PendingCallback> kept = new ArrayList<>();
            all.forEach((callId, json) -> {
                try {
                    kept.add(decode(json));
                } catch (RuntimeException e) {
                    // one unreadable entry must not keep the others from being restored
                    LOG.atError().addKeyValue("call", callId).log("call-back in {} cannot be read, left there: {}",
                            key, e.toString());
                }
            });
            return kept;
        });
    }

    static String encode(PendingCallback cb) {
        return new JsonObject().put("callId", cb.callId()).put("queue", cb.queue()).put("number", cb.number())
                .put("dialled", cb.dialled()).put("trunk", cb.trunk()).put("joinedAt", cb.joinedAt().toString())
                .put("requestedAt", cb.requestedAt().toString()).put("expiresAt", cb.expiresAt().toString())
                .put("attempts", cb.attempts()).encode();
    }

    static PendingCallback decode(String json) {
        JsonObject o = new JsonObject(json);
        return new PendingCallback(o.getString("callId"), o.getString("queue"), o.getString("number"),
                o.getString("dialled"), o.getString("trunk"), Instant.parse(o.getString("joinedAt")),
                Instant.parse(o.getString("requestedAt")), Instant.parse(o.getString("expiresAt")),
                o.getInteger("attempts", 0));
    }
}
