package ua.vikno.server.console;

import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.prng.VertxContextPRNG;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.sstore.AbstractSession;
import io.vertx.ext.web.sstore.SessionStore;

/**
 * Console logins kept in Redis, so that a node's restart logs nobody out and a cookie works on every node sharing
 * the Redis. A session is one key that expires after the idle timeout and is written by a script: a write based on
 * an older version fails unless it changes nothing (two requests of one page at once); a logged-out session is
 * remembered for its timeout so that a request still in flight cannot write it back. While Redis is away every
 * operation fails with 503, which the API answers as JSON; nobody is logged out by it.
 */
public final class RedisSessionStore implements SessionStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSessionStore.class);
    private static final String PREFIX = "vikno:console:session:";
    private static final String ENDED = "vikno:console:session-ended:";
    private static final String PUT = """
            if redis.call('EXISTS', KEYS[2]) == 1 then return 'ENDED' end
            local cur = redis.call('GET', KEYS[1])
            if cur then
              local stored = cjson.decode(cur)
              if tostring(stored['v']) ~= ARGV[1] then
                if stored['data'] == ARGV[3] then
                  redis.call('PEXPIRE', KEYS[1], ARGV[4])
                  return 'SAME'
                end
                return 'CONFLICT'
              end
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[4])
            return 'OK'
            """;

    private final Vertx vertx;
    private final Supplier<Optional<RedisAsyncCommands<String, String>>> redis;
    private final VertxContextPRNG random;
    private final java.time.Clock clock;
    private final java.time.Duration idleTimeout;

    /**
     * @param redis       the shared connection's commands, once Redis is connected
     * @param idleTimeout the sessions' idle timeout: how long a logged-out session is remembered as ended
     */
    public RedisSessionStore(Vertx vertx, Supplier<Optional<RedisAsyncCommands<String, String>>> redis,
                             java.time.Clock clock, java.time.Duration idleTimeout) {
        this.vertx = vertx;
        this.redis = redis;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.random = VertxContextPRNG.current(vertx);
    }

    /** A session as the store reads and writes it. */
    static final class StoredSession extends AbstractSession {
        StoredSession(VertxContextPRNG random, long timeout, int length) {
            super(random, timeout, length);
        }

        StoredSession(String id, long timeout, int version, java.util.Map<String, Object> data, long accessed) {
            setId(id);
            setTimeout(timeout);
            setVersion(version);
            setData(data);
            setLastAccessed(accessed);
        }
    }

    @Override
    public SessionStore init(Vertx vertx, JsonObject options) {
        return this;
    }

    @Override
    public long retryTimeout() {
        return 0;
    }

    @Override
    public Session createSession(long timeout) {
        return createSession(timeout, DEFAULT_SESSIONID_LENGTH);
    }

    @Override
    public Session createSession(long timeout, int length) {
        return new StoredSession(random, timeout, length);
    }

    @Override
    public Future<Session> get(String id) {
        return commands().compose(r -> on(r.get(PREFIX + id))).map(json -> {
            if (json == null) {
                return null;
            }
            JsonObject stored = new JsonObject(json);
            // iterating a JsonObject wraps nested maps as JsonObjects, as the session's users expect them
            java.util.Map<String, Object> data = new java.util.HashMap<>();
            new JsonObject(stored.getString("data")).forEach(e -> data.put(e.getKey(), e.getValue()));
            return new StoredSession(id, stored.getLong("t"), stored.getInteger("v"), data, clock.millis());
        });
    }

    @Override
    public Future<Void> delete(String id) {
        return commands().compose(r -> on(r.setex(ENDED + id, idleTimeout.toSeconds(), "1")).compose(ok -> on(r.del(PREFIX + id))))
                .mapEmpty();
    }

    @Override
    public Future<Void> put(Session session) {
        AbstractSession stored = (AbstractSession) session;
        String data = new JsonObject(session.data()).encode();
        int read = stored.version();
        String value = new JsonObject().put("v", read + 1).put("t", session.timeout()).put("data", data).encode();
        String[] keys = {PREFIX + session.id(), ENDED + session.id()};
        return commands().compose(r -> on(r.<String>eval(PUT, ScriptOutputType.STATUS, keys, String.valueOf(read),
                value, data, String.valueOf(session.timeout())))).compose(reply -> switch (reply) {
                    case "OK" -> {
                        stored.incrementVersion();
                        yield Future.<Void>succeededFuture();
                    }
                    case "SAME", "ENDED" -> Future.<Void>succeededFuture();
                    default -> Future.<Void>failedFuture(new HttpException(409, "session changed meanwhile"));
                });
    }

    @Override
    public Future<Void> clear() {
        return Future.failedFuture(new UnsupportedOperationException("console sessions are ended one by one"));
    }

    @Override
    public Future<Integer> size() {
        return Future.failedFuture(new UnsupportedOperationException("not counted"));
    }

    @Override
    public void close() {
    }

    private Future<RedisAsyncCommands<String, String>> commands() {
        return redis.get().map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new HttpException(503, "sessions unavailable: Redis not connected")));
    }

    /** A Redis reply on the caller's context; a failure becomes 503 (Redis away or slow). */
    private <T> Future<T> on(io.lettuce.core.RedisFuture<T> reply) {
        Context context = vertx.getOrCreateContext();
        return Future.fromCompletionStage(reply, context).recover(e -> {
            LOG.warn("console session store: Redis failed: {}", e.toString());
            return Future.failedFuture(new HttpException(503, "sessions unavailable: Redis away"));
        });
    }
}
