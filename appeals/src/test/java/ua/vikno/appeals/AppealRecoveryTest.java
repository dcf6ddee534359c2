package ua.vikno.appeals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import ua.vikno.testkit.RedisServer;

/**
 * A call that a crashed run left half done — its appeal stored, its "registered" SMS not yet queued — is
 * recovered by the next run: the appeal is kept and the resident told once.
 */
class AppealRecoveryTest {
    static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    RedisServer redis;
    RedisClient client;
    StatefulRedisConnection<String, String> connection;
    final List<String> told = new CopyOnWriteArrayList<>();

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void connect() {
        redis = RedisServer.start();
        client = RedisClient.create(redis.url());
        connection = client.connect();
    }

    @AfterEach
    void close() {
        connection.close();
        client.shutdown();
        redis.close();
    }

    /** A run that dies between storing the appeal and queueing its SMS. */
    AppealService crashingRun() {
        return new AppealService(connection.async(), Clock.fixed(NOW, ZoneOffset.UTC), ZoneId.of("Europe/Kyiv"),
                AppealNotifier.none());
    }

    /** A run whose notifier keeps each SMS on the appeal, as SmsNotifications does. */
    AppealService healthyRun() {
        AppealService[] self = new AppealService[1];
        self[0] = new AppealService(connection.async(), Clock.fixed(NOW, ZoneOffset.UTC), ZoneId.of("Europe/Kyiv"),
                (appeal, change) -> {
                    String id = appeal.number() + ".registered." + appeal.version();
                    told.add(id);
                    return self[0].recordSms(appeal.number(), new SmsNote(id, "registered", "зареєстровано", "queued",
                            NOW)).mapEmpty();
                });
        return self[0];
    }

    @Test
    void anAppealStoredWithoutItsSmsIsKeptAndItsResidentToldOnceWhenRecovered() throws Exception {
        CompletedCall call = Calls.missed("+380671234567", NOW, "electricity", Duration.ofSeconds(10));
        Appeal stored = await(crashingRun().registerCall(call));

        AppealService next = healthyRun();
        Appeal recovered = await(next.recoverCall(call));
        await(next.recoverCall(call));

        assertThat(recovered.number()).isEqualTo(stored.number());
        assertThat(told).containsExactly(stored.number() + ".registered.1");
        assertThat(recovered.sms()).extracting(SmsNote::reason).containsExactly("registered");
        assertThat(await(next.list(new AppealQuery(java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), NOW.minusSeconds(60),
                NOW.plusSeconds(60), 0, 50))).total()).isEqualTo(1);
    }

    @Test
    void aCallWithoutAnAppealGetsOneWhenRecoveredAndItsResidentIsToldOnce() throws Exception {
        CompletedCall call = Calls.missed("+380671234567", NOW, "electricity", Duration.ofSeconds(10));
        AppealService next = healthyRun();
        Appeal recovered = await(next.recoverCall(call));
        assertThat(told).containsExactly(recovered.number() + ".registered.1");
        assertThat(recovered.sms()).extracting(SmsNote::reason).containsExactly("registered");
    }
}
