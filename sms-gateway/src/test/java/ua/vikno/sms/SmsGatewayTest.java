package ua.vikno.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.vikno.sms.GatewayFixture.await;
import static ua.vikno.sms.GatewayFixture.eventually;
import static ua.vikno.sms.GatewayFixture.up;

import java.util.ArrayList;
import java.util.List;

import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import ua.vikno.sms.simulator.ReceivedSms;
import ua.vikno.testkit.RedisServer;
import ua.vikno.testkit.SharedRedis;

/** The gateway against a real Redis and the real simulator over TCP on 127.0.0.1. */
class SmsGatewayTest {
    static final String RESIDENT = "+380671234567";
    static final String REGISTERED = "Звернення №2026-000123 зареєстровано. Тел. +380441234567";

    final RedisServer redis = SharedRedis.get();
    GatewayFixture fx;

    @BeforeEach
    void fixture() {
        fx = new GatewayFixture(redis.url());
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Nested
    class WhenTheSmscIsUp {
        SmsGateway gateway;

        @BeforeEach
        void start() {
            await(fx.smsc.start());
            gateway = fx.gateway(fx.sms(10, 0, 3));
            up(gateway);
        }

        @Test
        void aUkrainianSmsArrivesDecodedExactly() {
            EnqueueResult r = await(gateway.enqueue(new OutgoingSms("a1", RESIDENT, REGISTERED, "2026-000123")));

            assertThat(r.outcome()).isEqualTo(EnqueueResult.Outcome.QUEUED);
            eventually(() -> assertThat(fx.smsc.received()).hasSize(1));
            ReceivedSms got = fx.smsc.received().get(0);
            assertThat(got.text()).isEqualTo(REGISTERED);
            assertThat(got.destination()).isEqualTo(RESIDENT);
            assertThat(got.source()).isEqualTo("ObolonServ");
            assertThat(got.dataCoding()).isEqualTo(8);
            assertThat(got.parts()).isEqualTo(1);
        }

        @Test
        void aLatinSmsGoesAsGsm7() {
            await(gateway.enqueue(new OutgoingSms("a2", RESIDENT, "Appeal 2026-000123: done {ok} €5", "2026-000123")));

            eventually(() -> assertThat(fx.smsc.received()).hasSize(1));
            assertThat(fx.smsc.received().get(0).text()).isEqualTo("Appeal 2026-000123: done {ok} €5");
            assertThat(fx.smsc.received().get(0).dataCoding()).isZero();
        }

        @Test
        void aLongSmsArrivesReassembled() {
            String text = SmsEncoderTest.ukrainian(150);
            await(gateway.enqueue(new OutgoingSms("a3", RESIDENT, text, "2026-000123")));

            eventually(() -> assertThat(fx.smsc.received()).hasSize(1));
            assertThat(fx.smsc.received().get(0).text()).isEqualTo(text);
            assertThat(fx.smsc.received().get(0).parts()).isEqualTo(3);
            assertThat(fx.smsc.acceptedCount()).isEqualTo(3);
        }

        @Test
        void theDeliveryReceiptMarksTheMessageDelivered() {
            await(gateway.enqueue(new OutgoingSms("a4", RESIDENT, REGISTERED, "2026-000123")));

            eventually(() -> assertThat(fx.record(gateway, "a4").status()).isEqualTo(SmsStatus.DELIVERED));
            List<String> smscIds = fx.smsc.received().get(0).messageIds();
            assertThat(fx.record(gateway, "a4").smscMessageIds()).isEqualTo(smscIds);
            eventually(() -> assertThat(fx.statusesOf("a4"))
                    .containsExactly(SmsStatus.QUEUED, SmsStatus.SENT, SmsStatus.DELIVERED));
            SmsStatusEvent sent = fx.events.stream().filter(e -> e.status() == SmsStatus.SENT).findFirst().orElseThrow();
            assertThat(sent.smscMessageIds()).isEqualTo(smscIds);
            assertThat(sent.reference()).isEqualTo("2026-000123");
        }

        @Test
        void aReceiptThatOvertakesItsSubmitResponseStillMarksTheMessageDelivered() {
            fx.smsc.sendReceiptsBeforeResponses(true);
            await(gateway.enqueue(new OutgoingSms("a10", RESIDENT, REGISTERED, "2026-000129")));
            await(gateway.enqueue(new OutgoingSms("a11", RESIDENT, SmsEncoderTest.ukrainian(100), "2026-000130")));

            eventually(() -> assertThat(fx.record(gateway, "a10").status()).isEqualTo(SmsStatus.DELIVERED));
            eventually(() -> assertThat(fx.record(gateway, "a11").status()).isEqualTo(SmsStatus.DELIVERED));
            eventually(() -> assertThat(fx.statusesOf("a10"))
                    .containsExactly(SmsStatus.QUEUED, SmsStatus.SENT, SmsStatus.DELIVERED));
        }

        @Test
        void aLongMessageIsDeliveredOnceEveryPartIs() {
            await(gateway.enqueue(new OutgoingSms("a5", RESIDENT, SmsEncoderTest.ukrainian(100), "2026-000124")));

            eventually(() -> assertThat(fx.record(gateway, "a5").status()).isEqualTo(SmsStatus.DELIVERED));
            assertThat(fx.record(gateway, "a5").smscMessageIds()).hasSize(2)
                    .isEqualTo(fx.smsc.received().get(0).messageIds());
        }

        @Test
        void anUndeliveredReceiptMarksTheMessageFailed() {
            fx.smsc.failDeliveryTo(RESIDENT);
            await(gateway.enqueue(new OutgoingSms("a6", RESIDENT, REGISTERED, "2026-000125")));

            eventually(() -> assertThat(fx.record(gateway, "a6").status()).isEqualTo(SmsStatus.FAILED));
            assertThat(fx.record(gateway, "a6").lastError()).contains("UNDELIV");
            eventually(() -> assertThat(fx.statusesOf("a6")).endsWith(SmsStatus.FAILED));
        }

        @Test
        void theSameIdEnqueuedTwiceIsSentOnce() {
            EnqueueResult first = await(gateway.enqueue(new OutgoingSms("a7", RESIDENT, REGISTERED, "2026-000126")));
            EnqueueResult second = await(gateway.enqueue(new OutgoingSms("a7", RESIDENT, REGISTERED, "2026-000126")));

            assertThat(first.outcome()).isEqualTo(EnqueueResult.Outcome.QUEUED);
            assertThat(second.outcome()).isEqualTo(EnqueueResult.Outcome.DUPLICATE);
            eventually(() -> assertThat(fx.record(gateway, "a7").status()).isEqualTo(SmsStatus.DELIVERED));
            assertThat(fx.smsc.submitCount()).isEqualTo(1);
        }

        @Test
        void aLandlineNumberIsSkippedWithAReason() {
            EnqueueResult r = await(gateway.enqueue(new OutgoingSms("a8", "+380441234567", REGISTERED, "2026-000127")));

            assertThat(r.outcome()).isEqualTo(EnqueueResult.Outcome.SKIPPED);
            assertThat(r.reason()).contains("not a mobile number").contains("+380441234567");
            assertThat(await(gateway.status("a8"))).isEmpty();
        }

        @Test
        void enqueueCompletesOnlyOnceTheMessageIsInRedis() {
            await(gateway.enqueue(new OutgoingSms("a9", RESIDENT, REGISTERED, "2026-000128")));

            assertThat(redis.command("HEXISTS", fx.prefix + ":msg:a9", "text")).isEqualTo(":1");
        }

        @Test
        void manyMessagesAreEachSentExactlyOnce() {
            List<io.vertx.core.Future<EnqueueResult>> all = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                all.add(gateway.enqueue(new OutgoingSms("m" + i, RESIDENT, "Звернення №2026-" + i, "2026-" + i)));
            }
            await(io.vertx.core.Future.all(all));

            eventually(() -> assertThat(fx.smsc.received()).hasSize(50));
            assertThat(fx.receivedCounts().values()).containsOnly(1L);
            assertThat(fx.smsc.submitCount()).isEqualTo(50);
        }

        @Test
        void healthIsUp() {
            assertThat(gateway.health()).isEqualTo(SmsHealth.up());
        }
    }

    @Nested
    class WhenTheSmscIsDown {

        @Test
        void healthIsDownNamingTheUnreachableSmsc() {
            SmsGateway gateway = fx.gateway(fx.sms(10, 0, 3));

            eventually(() -> assertThat(gateway.health().reason()).contains("unreachable").contains(":" + fx.smscPort));
            assertThat(gateway.health().state()).isEqualTo(SmsHealth.State.DOWN);
        }

        @Test
        void messagesWaitAndAreAllDeliveredOnceItReturns() {
            await(fx.smsc.start());
            SmsGateway gateway = fx.gateway(fx.sms(10, 0, 3));
            up(gateway);
            await(fx.smsc.stop());
            eventually(() -> assertThat(gateway.health().isUp()).isFalse());

            for (int i = 0; i < 10; i++) {
                await(gateway.enqueue(new OutgoingSms("d" + i, RESIDENT, "Звернення №" + i + " зареєстровано", "n" + i)));
            }
            // the link keeps trying while the SMSC is away, and nothing reaches it
            eventually(() -> assertThat(gateway.health().reason()).contains("unreachable"));
            assertThat(fx.smsc.received()).isEmpty();
            await(fx.smsc.start());

            eventually(() -> assertThat(fx.smsc.received()).hasSize(10));
            assertThat(fx.receivedCounts().values()).containsOnly(1L);
            for (int i = 0; i < 10; i++) {
                String id = "d" + i;
                eventually(() -> assertThat(fx.record(gateway, id).status()).isEqualTo(SmsStatus.DELIVERED));
                assertThat(fx.record(gateway, id).attempts()).isZero();
            }
            assertThat(fx.smsc.submitCount()).isEqualTo(10);
        }
    }

    @Nested
    class WhenTheSmscThrottles {

        @Test
        void throttledSubmitsAreRetriedWithoutCountingAnAttempt() {
            await(fx.smsc.start());
            fx.smsc.throttleNext(5);
            SmsGateway gateway = fx.gateway(fx.sms(2, 0, 2));
            up(gateway);

            for (int i = 0; i < 3; i++) {
                await(gateway.enqueue(new OutgoingSms("t" + i, RESIDENT, "Throttled " + i, "t" + i)));
            }

            eventually(() -> assertThat(fx.smsc.received()).hasSize(3));
            assertThat(fx.receivedCounts().values()).containsOnly(1L);
            assertThat(fx.smsc.submitCount()).isEqualTo(3 + 5);
            for (int i = 0; i < 3; i++) {
                assertThat(fx.record(gateway, "t" + i).attempts()).isZero();
            }
            assertThat(await(gateway.deadLetters())).isEmpty();
        }
    }

    @Nested
    class WhenTheSmscRejectsADestination {
        static final String BARRED = "+380501112233";

        @Test
        void theMessageIsDeadLetteredAfterMaxAttempts() {
            await(fx.smsc.start());
            fx.smsc.rejectDestination(BARRED, SMPPConstant.STAT_ESME_RINVDSTADR);
            SmsGateway gateway = fx.gateway(fx.sms(10, 0, 3));
            up(gateway);

            await(gateway.enqueue(new OutgoingSms("x1", BARRED, REGISTERED, "2026-000200")));

            eventually(() -> assertThat(await(gateway.deadLetters())).hasSize(1));
            DeadLetter dead = await(gateway.deadLetters()).get(0);
            assertThat(dead.message().id()).isEqualTo("x1");
            assertThat(dead.message().reference()).isEqualTo("2026-000200");
            assertThat(dead.attempts()).isEqualTo(3);
            assertThat(dead.lastError()).contains("0x0000000B");
            assertThat(fx.smsc.submitCount()).isEqualTo(3);
            assertThat(fx.record(gateway, "x1").status()).isEqualTo(SmsStatus.FAILED);
            eventually(() -> assertThat(fx.statusesOf("x1")).containsExactly(SmsStatus.QUEUED, SmsStatus.FAILED));
        }

        @Test
        void aDeadLetterRetriedAfterTheCauseIsGoneIsDelivered() {
            await(fx.smsc.start());
            fx.smsc.rejectDestination(BARRED, SMPPConstant.STAT_ESME_RINVDSTADR);
            SmsGateway gateway = fx.gateway(fx.sms(10, 0, 2));
            up(gateway);
            await(gateway.enqueue(new OutgoingSms("x4", BARRED, REGISTERED, "2026-000203")));
            eventually(() -> assertThat(await(gateway.deadLetters())).hasSize(1));

            fx.smsc.clear();
            assertThat(await(gateway.retryDeadLetter("x4"))).isTrue();

            eventually(() -> assertThat(fx.record(gateway, "x4").status()).isEqualTo(SmsStatus.DELIVERED));
            assertThat(await(gateway.deadLetters())).isEmpty();
            assertThat(fx.smsc.received()).singleElement().satisfies(r -> assertThat(r.text()).isEqualTo(REGISTERED));
            assertThat(await(gateway.retryDeadLetter("x4"))).as("no longer a dead letter").isFalse();
        }

        @Test
        void otherMessagesStillGoThrough() {
            await(fx.smsc.start());
            fx.smsc.rejectDestination(BARRED, SMPPConstant.STAT_ESME_RINVDSTADR);
            SmsGateway gateway = fx.gateway(fx.sms(10, 0, 5));
            up(gateway);

            await(gateway.enqueue(new OutgoingSms("x2", BARRED, REGISTERED, "2026-000201")));
            await(gateway.enqueue(new OutgoingSms("x3", RESIDENT, REGISTERED, "2026-000202")));

            eventually(() -> assertThat(fx.record(gateway, "x3").status()).isEqualTo(SmsStatus.DELIVERED));
            assertThat(fx.smsc.received()).extracting(ReceivedSms::destination).containsExactly(RESIDENT);
        }
    }

    @Nested
    class WhenTheLinkIsIdle {

        @Test
        void enquireLinkKeepsItBoundAtTheConfiguredInterval() {
            await(fx.smsc.start());
            SmsGateway gateway = fx.gateway(fx.sms(10, 0, 3, GatewayFixture.PASSWORD, java.time.Duration.ofMillis(150)));
            up(gateway);

            eventually(() -> assertThat(fx.smsc.enquireLinkCount()).isGreaterThanOrEqualTo(3));
            assertThat(gateway.health().isUp()).isTrue();
            await(gateway.enqueue(new OutgoingSms("e1", RESIDENT, REGISTERED, "2026-000300")));
            eventually(() -> assertThat(fx.smsc.received()).hasSize(1));
        }
    }

    @Nested
    class WithAPasswordLongerThanSmppAllows {

        @Test
        void theGatewayDeclinesToStartNamingTheSetting() {
            SmsGateway gateway = new SmsGateway(fx.vertx, fx.sms(10, 0, 3, "nine-char"), fx.redisClient,
                    new ua.vikno.config.RedisSettings(redis.url(), java.time.Duration.ofSeconds(1),
                            java.time.Duration.ofSeconds(5)), fx.options("node-x"), java.time.Clock.systemUTC(),
                    Ticker.system(), SmsStatusListener.none());

            assertThat(gateway.start().toCompletionStage().toCompletableFuture())
                    .failsWithin(java.time.Duration.ofSeconds(5))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(SmsFailure.Misconfigured.class)
                    .withMessageContaining("sms.smpp.password");
        }
    }

    @Nested
    class WithAWrongPassword {

        @Test
        void theGatewayIsDownWithTheBindRefusal() {
            await(fx.smsc.start());
            SmsGateway gateway = fx.gateway(fx.sms(10, 0, 3, "wrong"));

            eventually(() -> assertThat(gateway.health().reason()).contains("refused the bind").contains("0x0000000E"));
            assertThat(fx.smsc.boundSessions()).isZero();
        }
    }

    @Test
    void aDisabledGatewaySkipsEveryMessageWithTheReason() {
        ua.vikno.config.Sms on = fx.sms(10, 0, 3);
        ua.vikno.config.Sms off = new ua.vikno.config.Sms(false, on.smpp(), on.sourceAddress(), on.tps(), on.maxAttempts(),
                on.mobilePatterns(), on.templates(), on.simulator());
        SmsGateway gateway = fx.gateway(off);

        EnqueueResult r = await(gateway.enqueue(new OutgoingSms("off1", RESIDENT, REGISTERED, "2026-000400")));

        assertThat(r.outcome()).isEqualTo(EnqueueResult.Outcome.SKIPPED);
        assertThat(r.reason()).contains("disabled");
        assertThat(gateway.health().reason()).contains("disabled");
        assertThat(redis.command("EXISTS", fx.prefix + ":msg:off1")).isEqualTo(":0");
    }

    @Test
    void aStoppedGatewayRefusesNewMessagesAndStopsTwiceQuietly() {
        SmsGateway gateway = fx.gateway(fx.sms(10, 0, 3));
        await(gateway.stop());
        await(gateway.stop());

        assertThat(gateway.enqueue(new OutgoingSms("s1", RESIDENT, REGISTERED, "r")).toCompletionStage()
                .toCompletableFuture()).failsWithin(java.time.Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(SmsFailure.Stopped.class);
        assertThat(gateway.health().isUp()).isFalse();
    }
}
