package ua.vikno.sms.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ua.vikno.config.RedisSettings;
import ua.vikno.config.Sms;
import ua.vikno.sms.OutgoingSms;
import ua.vikno.sms.SmsGateway;
import ua.vikno.sms.SmsGatewayOptions;
import ua.vikno.sms.SmsHealth;
import ua.vikno.sms.SmsStatus;
import ua.vikno.sms.SmsStatusEvent;
import ua.vikno.sms.SmsTemplates;
import ua.vikno.sms.SampleConfig;
import ua.vikno.sms.Ticker;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.SharedRedis;

/** The shipped sample runs the simulator, and the gateway configured by the same file binds to it and sends. */
class SampleConfigurationTest {
    final Vertx vertx = Vertx.vertx();
    final RedisClient redis = RedisClient.create();

    @AfterEach
    void close() throws Exception {
        redis.shutdown();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void theSampleGatewayBindsToTheSampleSimulatorAndTheRegisteredSmsArrives() throws Exception {
        Sms sample = SampleConfig.SMS;
        assertThat(sample.simulator().enabled()).as("the sample runs the simulator by default").isTrue();
        assertThat(sample.simulator().port()).isEqualTo(sample.smpp().port());
        int port = FreePorts.next(); // the sample's port, moved so tests never collide with a running server
        Sms sms = new Sms(sample.enabled(), new Sms.Smpp(sample.smpp().host(), port, sample.smpp().systemId(),
                sample.smpp().password(), sample.smpp().systemType(), sample.smpp().window(), sample.smpp().enquireLink(),
                sample.smpp().reconnectMax()), sample.sourceAddress(), sample.tps(), sample.maxAttempts(),
                sample.mobilePatterns(), sample.templates(), new Sms.Simulator(true, sample.simulator().bind(), port));
        SmscSimulator smsc = SmscSimulator.fromConfig(vertx, sms, Clock.systemUTC());
        List<SmsStatusEvent> events = new CopyOnWriteArrayList<>();
        SmsGateway gateway = new SmsGateway(vertx, sms, redis,
                new RedisSettings(SharedRedis.get().url(), Duration.ofSeconds(2), Duration.ofSeconds(10)),
                SmsGatewayOptions.defaults("sample").withKeyPrefix("vikno:{sms-sample-" + port + "}"),
                Clock.systemUTC(), Ticker.system(), events::add);
        await(smsc.start());
        await(gateway.start());
        try {
            String text = SmsTemplates.of(sms).render(Sms.Template.REGISTERED,
                    Map.of("number", "2026-000123", "office_phone", "+380441234567"));
            await(gateway.enqueue(new OutgoingSms("sample-1", "+380671234567", text, "2026-000123")));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (events.stream().noneMatch(e -> e.status() == SmsStatus.DELIVERED) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(gateway.health()).isEqualTo(SmsHealth.up());
            assertThat(smsc.received()).singleElement().satisfies(r -> {
                assertThat(r.text()).isEqualTo("Звернення №2026-000123 зареєстровано. Тел. +380441234567");
                assertThat(r.source()).isEqualTo(sample.sourceAddress());
            });
            assertThat(events).extracting(SmsStatusEvent::status)
                    .containsExactly(SmsStatus.QUEUED, SmsStatus.SENT, SmsStatus.DELIVERED);
        } finally {
            await(gateway.stop());
            await(smsc.stop());
        }
    }
}
