package ua.vikno.recorder;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lettuce.core.Range;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import ua.vikno.config.Recording;

/**
 * {@link RecordingStore} in Redis, through Lettuce's async API: one hash per call ({@code vikno:{rec}:rec:<call>}) and
 * an index of calls by recording start ({@code vikno:{rec}:idx:started}, a sorted set scored in epoch ms) for
 * retention. The hash tag keeps every key in one Cluster slot. Futures complete on Lettuce's threads: callers do
 * blocking work elsewhere.
 */
public final class RedisRecordingStore implements RecordingStore {
    public static final String PREFIX = "vikno:{rec}:";
    private static final String STARTED = PREFIX + "idx:started";

    private final RedisAsyncCommands<String, String> redis;

    public RedisRecordingStore(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    public static String key(String callId) {
        return PREFIX + "rec:" + callId;
    }

    @Override
    public Future<Void> begin(String callId, String caller, String dialled, Instant startedAt, String wavPath) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("callId", callId);
        fields.put("caller", caller);
        fields.put("dialled", dialled);
        fields.put("startedAt", startedAt.toString());
        fields.put("format", "wav");
        fields.put("path", wavPath);
        fields.put("state", "recording");
        return Future.fromCompletionStage(redis.hset(key(callId), fields))
                .compose(n -> Future.fromCompletionStage(redis.zadd(STARTED, startedAt.toEpochMilli(), callId)))
                .mapEmpty();
    }

    @Override
    public Future<Void> operator(String callId, String operator) {
        return Future.fromCompletionStage(redis.hset(key(callId), "operator", operator)).mapEmpty();
    }

    @Override
    public Future<Void> failed(String callId, String reason) {
        return Future.fromCompletionStage(redis.hset(key(callId), Map.of("state", "failed", "failure", reason)))
                .mapEmpty();
    }

    @Override
    public Future<Void> put(StoredRecording r) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("callId", r.callId());
        fields.put("caller", r.caller());
        r.operator().ifPresent(o -> fields.put("operator", o));
        fields.put("dialled", r.dialled());
        fields.put("startedAt", r.startedAt().toString());
        fields.put("durationMs", String.valueOf(r.duration().toMillis()));
        fields.put("sizeBytes", String.valueOf(r.sizeBytes()));
        fields.put("format", r.format().name().toLowerCase());
        fields.put("sha256", r.sha256());
        fields.put("path", r.path());
        fields.put("state", r.state().name().toLowerCase());
        fields.put("failure", r.failure().orElse(""));
        return Future.fromCompletionStage(redis.hset(key(r.callId()), fields))
                .compose(n -> Future.fromCompletionStage(redis.zadd(STARTED, r.startedAt().toEpochMilli(), r.callId())))
                .mapEmpty();
    }

    @Override
    public Future<Optional<StoredRecording>> get(String callId) {
        return Future.fromCompletionStage(redis.hgetall(key(callId)))
                .map(m -> m == null ? Optional.empty() : parse(m));
    }

    @Override
    public Future<List<String>> startedAtOrBefore(Instant cutoff, int limit) {
        return Future.fromCompletionStage(redis.zrangebyscore(STARTED,
                Range.create((Number) Double.NEGATIVE_INFINITY, (Number) cutoff.toEpochMilli()),
                io.lettuce.core.Limit.create(0, limit)));
    }

    @Override
    public Future<Void> delete(String callId) {
        return Future.fromCompletionStage(redis.del(key(callId)))
                .compose(n -> Future.fromCompletionStage(redis.zrem(STARTED, callId)))
                .mapEmpty();
    }

    static Optional<StoredRecording> parse(Map<String, String> m) {
        if (m.isEmpty() || !m.containsKey("callId")) {
            return Optional.empty();
        }
        String failure = m.getOrDefault("failure", "");
        return Optional.of(new StoredRecording(m.get("callId"), m.getOrDefault("caller", ""),
                Optional.ofNullable(m.get("operator")), m.getOrDefault("dialled", ""),
                Instant.parse(m.getOrDefault("startedAt", Instant.EPOCH.toString())),
                Duration.ofMillis(Long.parseLong(m.getOrDefault("durationMs", "0"))),
                Long.parseLong(m.getOrDefault("sizeBytes", "0")),
                Recording.Format.valueOf(m.getOrDefault("format", "wav").toUpperCase()),
                m.getOrDefault("sha256", ""), m.getOrDefault("path", ""),
                RecordingState.valueOf(m.getOrDefault("state", "recording").toUpperCase()),
                failure.isEmpty() ? Optional.empty() : Optional.of(failure)));
    }
}
