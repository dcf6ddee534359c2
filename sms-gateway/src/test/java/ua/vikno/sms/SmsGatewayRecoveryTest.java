package ua.vikno.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.vikno.sms.GatewayFixture.await;
import static ua.vikno.sms.GatewayFixture.eventually;
import static ua.vikno.sms.GatewayFixture.up;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import ua.vikno.testkit.RedisServer;

/** Crashes of Redis and of gateways lose no SMS and send none twice; each test has a Redis of its own. */
class SmsGatewayRecoveryTest {
    static final String RESIDENT = "+380671234567";

    RedisServer redis;
    GatewayFixture fx;
    RedisClient peek;
    StatefulRedisConnection<String, String> peekConnection;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        fx = new GatewayFixture(redis.url());
        peek = RedisClient.create(redis.url());
    }

    @AfterEach
    void stop() {
        if (peekConnection != null) {
            peekConnection.close();
        }
        peek.shutdown();
        fx.close();
        redis.kill();
    }

    long pending() {
        if (peekConnection == null) {
            peekConnection = peek.connect();
        }
        return peekConnection.sync().xpending(fx.prefix + ":outbox", "sms-gateway").getCount();
    }

    @Nested
    class WhenRedisRestarts {

        @Test
        void nothingEnqueuedBeforeOrDuringTheOutageIsLostOrSentTwice() {
            await(fx.smsc.start());
            SmsGateway gateway = fx.gateway(fx.sms(10, 0, 5));
            up(gateway);
            for (int i = 0; i < 5; i++) {
                await(gateway.enqueue(new OutgoingSms("before" + i, RESIDENT, "До рестарту " + i, "r" + i)));
            }
            // a submit cut off by an SMSC going down is sent again (at least once): let these finish first
            for (int i = 0; i < 5; i++) {
                String id = "before" + i;
                eventually(() -> assertThat(fx.record(gateway, id).status()).isEqualTo(SmsStatus.DELIVERED));
            }
            // the SMSC is stopped too, so these stay in the outbox across the Redis crash
            await(fx.smsc.stop());
            eventually(() -> assertThat(gateway.health().isUp()).isFalse());
            for (int i = 0; i < 5; i++) {
                await(gateway.enqueue(new OutgoingSms("queued" + i, RESIDENT, "У черзі " + i, "q" + i)));
            }

            redis.kill();
            eventually(() -> assertThat(gateway.health().reason()).contains("Redis").contains("unreachable"));
            List<Future<EnqueueResult>> during = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                during.add(gateway.enqueue(new OutgoingSms("during" + i, RESIDENT, "Під час збою " + i, "d" + i)));
            }
            redis.startAgain();
            await(Future.all(during));
            await(fx.smsc.start());
            up(gateway);

            eventually(() -> assertThat(fx.receivedCounts()).hasSize(15));
            assertThat(fx.receivedCounts().values()).containsOnly(1L);
            for (String kind : List.of("before", "queued", "during")) {
                for (int i = 0; i < 5; i++) {
                    String id = kind + i;
                    eventually(() -> assertThat(fx.record(gateway, id).status()).as(id).isEqualTo(SmsStatus.DELIVERED));
                }
            }
            eventually(() -> assertThat(pending()).isZero());
        }
    }

    @Nested
    class WhenRedisIsAwayAtTheMomentTheSmscAccepts {

        @Test
        void theAcceptanceIsRecordedOnceRedisReturnsAndTheMessageIsNotSentAgain() throws InterruptedException {
            await(fx.smsc.start());
            fx.smsc.delayResponses(Duration.ofMillis(800));
            SmsGateway gateway = fx.gateway(fx.sms(10, 0, 5), fx.options("node-a"), Duration.ofMillis(500));
            up(gateway);
            await(gateway.enqueue(new OutgoingSms("acc1", RESIDENT, "Прийнято під час збою Redis", "a1")));
            eventually(() -> assertThat(fx.smsc.submitCount()).isEqualTo(1));

            redis.kill();
            // longer than the command timeout: recording the submit_sm_resp fails at least once
            Thread.sleep(2000);
            redis.startAgain();
            fx.smsc.delayResponses(Duration.ZERO);

            eventually(() -> assertThat(fx.record(gateway, "acc1").status()).isEqualTo(SmsStatus.DELIVERED));
            assertThat(fx.smsc.submitCount()).isEqualTo(1);
            assertThat(fx.smsc.received()).hasSize(1);
            eventually(() -> assertThat(pending()).isZero());
        }
    }

    @Nested
    class WhenAGatewayDies {

        @Test
        void aNewGatewayTakesOverWhatACrashedConsumerLeftPending() {
            // gateway A queues while the SMSC is away, then a consumer reads the entries and dies without acking
            SmsGateway a = fx.gateway(fx.sms(10, 0, 5), fx.options("node-a"));
            for (int i = 0; i < 4; i++) {
                await(a.enqueue(new OutgoingSms("c" + i, RESIDENT, "Звернення №" + i, "c" + i)));
            }
            await(a.stop());
            try (StatefulRedisConnection<String, String> crashed = peek.connect()) {
                assertThat(crashed.sync().xreadgroup(Consumer.from("sms-gateway", "crashed-node"),
                        XReadArgs.Builder.count(100), XReadArgs.StreamOffset.lastConsumed(fx.prefix + ":outbox")))
                        .hasSize(4);
            }
            assertThat(pending()).isEqualTo(4);

            await(fx.smsc.start());
            SmsGateway b = fx.gateway(fx.sms(10, 0, 5), fx.options("node-b"));

            eventually(() -> assertThat(fx.smsc.received()).hasSize(4));
            assertThat(fx.receivedCounts().values()).containsOnly(1L);
            eventually(() -> assertThat(pending()).isZero());
            eventually(() -> assertThat(fx.record(b, "c3").status()).isEqualTo(SmsStatus.DELIVERED));
        }

        @Test
        void aGatewayStoppedWhileThrottledLeavesItsMessagesToTheNextOne() {
            await(fx.smsc.start());
            fx.smsc.throttleNext(1_000_000);
            SmsGateway a = fx.gateway(fx.sms(4, 0, 5), fx.options("node-a"));
            up(a);
            for (int i = 0; i < 3; i++) {
                await(a.enqueue(new OutgoingSms("p" + i, RESIDENT, "Pending " + i, "p" + i)));
            }
            eventually(() -> assertThat(fx.smsc.submitCount()).isGreaterThanOrEqualTo(2));
            await(a.stop());
            assertThat(pending()).as("A read the entries and holds them unacknowledged").isEqualTo(3);
            assertThat(fx.smsc.received()).isEmpty();

            fx.smsc.throttleNext(0);
            SmsGateway b = fx.gateway(fx.sms(4, 0, 5), fx.options("node-b"));

            eventually(() -> assertThat(fx.smsc.received()).hasSize(3));
            assertThat(fx.receivedCounts().values()).containsOnly(1L);
            eventually(() -> assertThat(pending()).isZero());
            assertThat(fx.record(b, "p0").attempts()).isZero();
        }

        @Test
        void aMessageAlreadyAcceptedByTheSmscIsNotSentAgainByTheNextGateway() {
            await(fx.smsc.start());
            SmsGateway a = fx.gateway(fx.sms(10, 0, 5), fx.options("node-a"));
            up(a);
            await(a.enqueue(new OutgoingSms("once", RESIDENT, "Лише раз", "o")));
            eventually(() -> assertThat(fx.record(a, "once").status()).isEqualTo(SmsStatus.DELIVERED));
            await(a.stop());
            // as if A had crashed between submit_sm_resp and XACK: the entry is pending again at a dead consumer
            try (StatefulRedisConnection<String, String> c = peek.connect()) {
                c.sync().xadd(fx.prefix + ":outbox", "id", "once");
                c.sync().xreadgroup(Consumer.from("sms-gateway", "crashed-node"), XReadArgs.Builder.count(10),
                        XReadArgs.StreamOffset.lastConsumed(fx.prefix + ":outbox"));
            }

            fx.gateway(fx.sms(10, 0, 5), fx.options("node-b"));

            eventually(() -> assertThat(pending()).isZero());
            assertThat(fx.smsc.submitCount()).isEqualTo(1);
        }
    }
}
