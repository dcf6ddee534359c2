package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import ua.vikno.appeals.Appeal;
import ua.vikno.appeals.AppealKind;
import ua.vikno.appeals.AppealStatus;
import ua.vikno.appeals.CompletedCall;
import ua.vikno.config.ViknoConfig;
import ua.vikno.sms.simulator.ReceivedSms;
import ua.vikno.sms.simulator.SmscSimulator;
import ua.vikno.testkit.RedisServer;

/**
 * The whole node with the SMSC away for 30 seconds while appeals are registered and change status: the SMS wait
 * in the outbox, and once the SMSC is back each reaches it exactly once and shows delivered, once, on its appeal.
 */
class SmscOutageTest {
    static final Duration OUTAGE = Duration.ofSeconds(30);

    RedisServer redis;
    final Vertx smscVertx = Vertx.vertx();
    SmscSimulator smsc;
    ViknoServer server;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @BeforeEach
    void start(@TempDir Path data) throws Exception {
        redis = RedisServer.start();
        Map<String, String> env = new HashMap<>(TestConfigs.environment(redis.url(), 0, data));
        env.put("VIKNO_SMSC_SIMULATOR", "false");
        // the reconnect back-off is capped lower than the sample's 30 s, so that the test waits for the outage only
        ViknoConfig config = TestConfigs.sampleWith(env, "reconnect-max: 30s", "reconnect-max: 4s");
        smsc = SmscSimulator.fromConfig(smscVertx, config.sms(), Clock.systemUTC());
        await(smsc.start());
        server = await(ViknoServer.start(config));
        Http.await(server.httpPort(), "/health", r -> r.statusCode() == 200, Duration.ofSeconds(15));
    }

    @AfterEach
    void stop() throws Exception {
        await(server.stop());
        await(smsc.stop());
        smscVertx.close();
        redis.close();
    }

    @Test
    void smscDownFor30SecondsMessagesWaitAndAreAllDeliveredOnceNoneTwiceInTheAppealsSmsHistory() throws Exception {
        await(smsc.stop());
        Instant down = Instant.now();
        Http.await(server.httpPort(), "/health", r -> r.statusCode() == 503, Duration.ofSeconds(10));

        List<Appeal> appeals = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            appeals.add(await(server.appeals().registerCall(call(i))));
        }
        String a0 = appeals.get(0).number();
        String a1 = appeals.get(1).number();
        await(server.appeals().assign(a0, "water", "test", "бригада"));
        await(server.appeals().changeStatus(a0, AppealStatus.IN_PROGRESS, "test", ""));
        await(server.appeals().changeStatus(a1, AppealStatus.REJECTED, "test", "не наша зона"));

        List<String> expected = new ArrayList<>();
        for (Appeal a : appeals) {
            expected.add("Звернення №" + a.number() + " зареєстровано. Тел. +380444960000");
        }
        expected.add("Звернення №" + a0 + " передано: Водопостачання (холодна та гаряча вода)");
        expected.add("Звернення №" + a0 + " взято в роботу");
        expected.add("Звернення №" + a1 + " відхилено. Тел. +380444960000");

        for (Appeal a : appeals) {
            assertThat(smsStatuses(a.number())).as("SMS of %s while the SMSC is down", a.number()).containsOnly("queued");
        }
        Duration left = OUTAGE.minus(Duration.between(down, Instant.now()));
        Thread.sleep(Math.max(0, left.toMillis()));
        assertThat(smsc.received()).isEmpty();
        await(smsc.start());

        AppealSmsTest.eventually(() -> assertThat(smsc.received()).hasSameSizeAs(expected));
        Thread.sleep(1000); // a duplicate would come right behind
        assertThat(smsc.received()).extracting(ReceivedSms::text).containsExactlyInAnyOrderElementsOf(expected);
        for (Appeal a : appeals) {
            AppealSmsTest.eventually(() -> assertThat(smsStatuses(a.number())).as("SMS of %s", a.number())
                    .isNotEmpty().containsOnly("delivered"));
            List<String> ids = smsIds(a.number());
            assertThat(ids).as("SMS ids of %s", a.number()).doesNotHaveDuplicates();
        }
        Map<String, Long> perAppeal = appeals.stream().collect(Collectors.toMap(Appeal::number,
                a -> (long) smsIds(a.number()).size()));
        assertThat(perAppeal).containsEntry(a0, 3L).containsEntry(a1, 2L)
                .containsEntry(appeals.get(2).number(), 1L).containsEntry(appeals.get(3).number(), 1L);
    }

    private List<String> smsStatuses(String number) {
        return sms(number, n -> n.getString("status"));
    }

    private List<String> smsIds(String number) {
        return sms(number, n -> n.getString("id"));
    }

    private List<String> sms(String number, Function<JsonObject, String> field) {
        try {
            JsonObject appeal = new JsonObject(Http.api(server.httpPort(), "/api/appeals/" + number).body());
            return appeal.getJsonArray("sms").stream().map(o -> field.apply((JsonObject) o)).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static CompletedCall call(int i) {
        Instant ended = Instant.now();
        return new CompletedCall("smsc-outage-" + i + "-" + ended.toEpochMilli(), "+38067222000" + i, "+380444960000",
                ended.minusSeconds(90), Optional.of(ended.minusSeconds(60)), ended, "main>1>2",
                List.of("Водопостачання", "Гаряча вода"), Optional.of("water"), Optional.of("210"),
                Duration.ofSeconds(8), Duration.ofSeconds(60), Optional.empty(), "normal", AppealKind.ANSWERED);
    }
}
