package ua.vikno.appeals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import ua.vikno.config.ConfigLoader;
import ua.vikno.config.ViknoConfig;
import ua.vikno.sms.SmsGateway;
import ua.vikno.sms.SmsGatewayOptions;
import ua.vikno.sms.SmsTemplates;
import ua.vikno.sms.Ticker;
import ua.vikno.sms.simulator.ReceivedSms;
import ua.vikno.sms.simulator.SmscSimulator;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.SharedRedis;

/** Appeals tell residents by SMS: the real gateway, a real SMSC simulator over SMPP and a real Redis. */
class SmsNotificationsTest {
    static final Path SAMPLE = Path.of("../config/samples/housing-services.yaml");

    Vertx vertx;
    RedisClient client;
    StatefulRedisConnection<String, String> connection;
    SmscSimulator smsc;
    SmsGateway gateway;
    AppealService appeals;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    static void eventually(Runnable assertion) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        String redisUrl = SharedRedis.get().url().replace("/0", "/6");
        ViknoConfig config = new ConfigLoader(Map.of("VIKNO_SMPP_PORT", String.valueOf(FreePorts.next()),
                "VIKNO_REDIS_URL", redisUrl)::get).load(SAMPLE);
        vertx = Vertx.vertx();
        client = RedisClient.create(redisUrl);
        connection = client.connect();
        connection.sync().flushdb();
        smsc = SmscSimulator.fromConfig(vertx, config.sms(), Clock.systemUTC());
        await(smsc.start());
        SmsNotifications[] holder = new SmsNotifications[1];
        gateway = new SmsGateway(vertx, config.sms(), client, config.redis(),
                SmsGatewayOptions.defaults("test").withRetry(Duration.ofMillis(100), Duration.ofMillis(400))
                        .withReconnectInitial(Duration.ofMillis(100)),
                Clock.systemUTC(), Ticker.system(), event -> holder[0].onStatus(event));
        SmsNotifications notifications = new SmsNotifications(gateway, SmsTemplates.of(config.sms()), config.site(),
                id -> Optional.ofNullable(config.departments().get(id)).map(d -> d.name()), ZoneId.of("Europe/Kyiv"),
                Clock.systemUTC());
        holder[0] = notifications;
        appeals = new AppealService(connection.async(), Clock.systemUTC(), ZoneId.of("Europe/Kyiv"), notifications);
        notifications.attach(appeals);
        await(gateway.start());
    }

    @AfterEach
    void stop() throws Exception {
        await(gateway.stop());
        await(smsc.stop());
        connection.close();
        client.shutdown();
        vertx.close();
    }

    @Test
    void aNewAppealSendsTheUkrainianRegisteredSmsWithItsNumber() throws Exception {
        Appeal a = await(appeals.registerCall(Calls.answered("+380671234567", Instant.now(), "water", "210",
                List.of("Водопостачання", "Гаряча вода"), Duration.ZERO, Duration.ofSeconds(40))));
        eventually(() -> assertThat(smsc.received()).extracting(ReceivedSms::text)
                .containsExactly("Звернення №" + a.number() + " зареєстровано. Тел. +380444960000"));
        assertThat(smsc.received().get(0).destination()).isEqualTo("+380671234567");
        assertThat(smsc.received().get(0).dataCoding()).isEqualTo(8);
    }

    @Test
    void aStatusChangeSendsTheSecondSmsAndReceiptsMarkThemDelivered() throws Exception {
        Appeal a = await(appeals.registerCall(Calls.answered("+380671234567", Instant.now(), "water", "210",
                List.of("Водопостачання"), Duration.ZERO, Duration.ofSeconds(40))));
        eventually(() -> assertThat(smsc.received()).hasSize(1));
        await(appeals.changeStatus(a.number(), AppealStatus.RESOLVED, "koval", "замінено кран"));
        eventually(() -> assertThat(smsc.received()).extracting(ReceivedSms::text)
                .contains("Звернення №" + a.number() + " виконано. Дякуємо!"));
        eventually(() -> {
            try {
                assertThat(await(appeals.get(a.number())).sms()).extracting(SmsNote::status)
                        .containsExactly("delivered", "delivered");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aLandlineCallerGetsNoSmsAndTheAppealSaysWhy() throws Exception {
        Appeal a = await(appeals.registerCall(Calls.answered("+380444961111", Instant.now(), "water", "210",
                List.of("Водопостачання"), Duration.ZERO, Duration.ofSeconds(40))));
        eventually(() -> {
            try {
                assertThat(await(appeals.get(a.number())).sms()).singleElement()
                        .satisfies(n -> assertThat(n.status()).startsWith("skipped: not a mobile number"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(smsc.received()).isEmpty();
    }

    @Test
    void anOperatorCanSendAPersonalSms() throws Exception {
        Appeal a = await(appeals.registerCall(Calls.answered("+380671234567", Instant.now(), "water", "210",
                List.of("Водопостачання"), Duration.ZERO, Duration.ofSeconds(40))));
        await(appeals.sendPersonalSms(a.number(), "shevchenko", "Бригада прибуде завтра о 10:00"));
        eventually(() -> assertThat(smsc.received()).extracting(ReceivedSms::text).contains("Бригада прибуде завтра о 10:00"));
    }
}
