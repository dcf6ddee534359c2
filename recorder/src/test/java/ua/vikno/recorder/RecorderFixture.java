package ua.vikno.recorder;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import ua.vikno.config.Recording;
import ua.vikno.pbx.Party;
import ua.vikno.recorder.internal.JaveTranscoder;
import ua.vikno.testkit.SharedRedis;

/** A recorder on a temporary directory and the shared test Redis (database 5), torn down in reverse order. */
final class RecorderFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    static final Party OPERATOR = Party.line("210", "Оксана");
    /** Ticks of 20 ms per second. */
    static final int SECOND = 50;

    final Path dir;
    final MutableClock clock = new MutableClock(T0);
    final RedisClient client;
    final StatefulRedisConnection<String, String> redis;
    final JaveTranscoder jave = new JaveTranscoder();
    private final List<CallRecorder> recorders = new ArrayList<>();

    RecorderFixture(Path dir) {
        this.dir = dir;
        this.client = RedisClient.create(SharedRedis.get().url().replace("/0", "/5"));
        this.redis = client.connect();
        redis.sync().flushdb();
    }

    static Recording config(Path dir, Recording.Format format, boolean includeIvr) {
        return new Recording(true, dir, format, Duration.ofDays(30), includeIvr, 2);
    }

    static RecorderSettings settings() {
        return new RecorderSettings(4000, Duration.ofMillis(20), Duration.ofSeconds(1), 1, Duration.ofMinutes(10),
                Duration.ofMillis(500), 0, Duration.ofSeconds(10), Duration.ofHours(1));
    }

    CallRecorder recorder(Recording.Format format) {
        return recorder(config(dir, format, false), settings(), jave, d -> Long.MAX_VALUE);
    }

    CallRecorder recorder(Recording config, RecorderSettings settings, Transcoder transcoder, FreeSpace space) {
        CallRecorder r = new CallRecorder(config, settings, new RedisRecordingStore(redis.async()), transcoder, clock,
                space);
        recorders.add(r);
        await(r.start());
        return r;
    }

    FakeCall call(String id) {
        return new FakeCall(id, "+380671234567", "0800500123", clock);
    }

    static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code probe} until it has a value (for work that goes on after an operation completes). */
    static <T> T poll(java.util.function.Supplier<java.util.Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            java.util.Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing after 30 s");
    }

    /** Decodes a stored recording back to stereo 8 kHz WAV with JAVE and reads it. */
    Audio.Stereo decode(Path file) throws Exception {
        Path wav = file.resolveSibling(file.getFileName() + ".decoded.wav");
        jave.encode(file, wav, Recording.Format.WAV);
        return Audio.read(wav);
    }

    @Override
    public void close() {
        for (int i = recorders.size() - 1; i >= 0; i--) {
            recorders.get(i).close();
        }
        redis.close();
        client.shutdown();
    }
}
