package ua.vikno.pbx.sip.registrar;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import ua.vikno.pbx.sip.SipFailure;

/**
 * The location service in Redis, through Lettuce's async API. Each address-of-record is one hash
 * ({@code <prefix>location:<aor>}) of contact URI to binding; a Lua script applies an update atomically, drops
 * expired bindings and sets the key to expire with its last binding, so nothing outlives its registration.
 */
public final class RedisLocationService implements LocationService {
    private static final String UPDATE = """
            local now = tonumber(ARGV[1])
            local removals = tonumber(ARGV[2])
            for i = 3, 2 + removals do redis.call('HDEL', KEYS[1], ARGV[i]) end
            for i = 3 + removals, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
            local last = 0
            local all = redis.call('HGETALL', KEYS[1])
            for i = 1, #all, 2 do
              local ok, binding = pcall(cjson.decode, all[i + 1])
              local expiresAt = ok and tonumber(binding['expiresAt']) or 0
              if expiresAt <= now then redis.call('HDEL', KEYS[1], all[i])
              elseif expiresAt > last then last = expiresAt end
            end
            if last > 0 then redis.call('PEXPIREAT', KEYS[1], last) end
            return last
            """;

    private final RedisAsyncCommands<String, String> redis;
    private final String prefix;
    private final Clock clock;

    /**
     * @param prefix put before every key, so that several deployments (or tests) can share one Redis
     */
    public RedisLocationService(StatefulRedisConnection<String, String> connection, String prefix, Clock clock) {
        this.redis = connection.async();
        this.prefix = prefix;
        this.clock = clock;
    }

    @Override
    public Future<List<Binding>> bindings(String aor) {
        Instant now = clock.instant();
        return adapt(redis.hgetall(key(aor)), "read bindings of " + aor).map(fields -> decode(aor, fields, now));
    }

    @Override
    public Future<Void> update(String aor, List<Binding> upserts, List<String> removals) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(clock.millis()));
        args.add(Integer.toString(removals.size()));
        args.addAll(removals);
        for (Binding b : upserts) {
            args.add(b.contact());
            args.add(encode(b));
        }
        CompletionStage<Long> done = redis.eval(UPDATE, ScriptOutputType.INTEGER, new String[] {key(aor)},
                args.toArray(String[]::new));
        return adapt(done, "update bindings of " + aor).mapEmpty();
    }

    private String key(String aor) {
        return prefix + "location:" + aor;
    }

    private static String encode(Binding b) {
        return new JsonObject()
                .put("expiresAt", b.expiresAt().toEpochMilli())
                .put("callId", b.callId())
                .put("cseq", b.cseq())
                .put("source", b.source())
                .encode();
    }

    private static List<Binding> decode(String aor, Map<String, String> fields, Instant now) {
        List<Binding> bindings = new ArrayList<>();
        fields.forEach((contact, value) -> {
            try {
                JsonObject json = new JsonObject(value);
                Binding b = new Binding(aor, contact, Instant.ofEpochMilli(json.getLong("expiresAt")),
                        json.getString("callId"), json.getLong("cseq"), json.getString("source"));
                if (!b.isExpiredAt(now)) {
                    bindings.add(b);
                }
            } catch (DecodeException | ClassCastException | NullPointerException e) {
                // A binding this version cannot read is treated as absent; the next update overwrites it.
            }
        });
        bindings.sort(Comparator.comparing(Binding::contact));
        return bindings;
    }

    private static <T> Future<T> adapt(CompletionStage<T> stage, String what) {
        Context context = Vertx.currentContext();
        Future<T> future = context == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
        return future.recover(e -> Future.failedFuture(new SipFailure.StorageFailed(what, e)));
    }
}
