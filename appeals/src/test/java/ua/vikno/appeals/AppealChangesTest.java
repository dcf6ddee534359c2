package ua.vikno.appeals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.vertx.core.Future;
import ua.vikno.testkit.RedisServer;

/** Every write of an appeal publishes what it did on the channel of its database, whichever node wrote it. */
class AppealChangesTest {
    static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    static final List<String> HOT_WATER = List.of("Водопостачання", "Гаряча вода");

    static RedisServer redis;
    static ClientResources resources;
    static RedisClient client;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        resources = ClientResources.builder().reconnectDelay(Delay.constant(Duration.ofMillis(100))).build();
        client = RedisClient.create(resources, RedisURI.create(redis.url()));
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        resources.shutdown();
        redis.close();
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static void eventually(BooleanSupplier done, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** A node's appeal service on database {@code db}. */
    static AppealService node(int db) {
        StatefulRedisConnection<String, String> connection = client.connect(RedisURI.create(redis.url().replace("/0", "/" + db)));
        return new AppealService(connection.async(), db, Clock.fixed(NOW, ZoneOffset.UTC), ZoneId.of("Europe/Kyiv"),
                AppealNotifier.none());
    }

    /** What a subscriber of a database's change channel heard. */
    static final class Heard {
        final List<String> changes = new CopyOnWriteArrayList<>();

        void onChange(AppealChange c) {
            changes.add((c.created() ? "created " : "changed ") + c.number() + " " + c.action() + " " + c.status());
        }
    }

    static StatefulRedisPubSubConnection<String, String> feed(int db, Heard heard) throws Exception {
        StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                AppealChange.parse(message).ifPresent(heard::onChange);
            }
        });
        connection.sync().subscribe(AppealChange.channel(db));
        return connection;
    }

    @Test
    void everyChangeIsHeardWhicheverNodeOrReceiptMadeItAndOnlyByTheFeedOfItsDatabase() throws Exception {
        Heard heard = new Heard();
        Heard otherDatabase = new Heard();
        try (var feed = feed(5, heard); var other = feed(6, otherDatabase)) {
            AppealService first = node(5);
            AppealService second = node(5);
            Appeal a = await(first.registerCall(Calls.answered("+380671234567", NOW, "water", "210", HOT_WATER,
                    Duration.ZERO, Duration.ofSeconds(30))));
            await(second.comment(a.number(), "koval", "бригада виїхала"));
            await(second.changeStatus(a.number(), AppealStatus.REJECTED, "koval", "не наша зона"));
            await(first.recordSms(a.number(), new SmsNote("sms-1", "registered", "текст", "queued", NOW)));
            await(first.updateSmsStatus(a.number(), "sms-1", "delivered", NOW));

            eventually(() -> heard.changes.size() >= 5, Duration.ofSeconds(10));
            assertThat(heard.changes).containsExactly(
                    "created " + a.number() + " created registered",
                    "changed " + a.number() + " comment registered",
                    "changed " + a.number() + " status rejected",
                    "changed " + a.number() + " sms rejected",
                    "changed " + a.number() + " sms-status rejected");
            assertThat(otherDatabase.changes).isEmpty();
        }
    }
}
