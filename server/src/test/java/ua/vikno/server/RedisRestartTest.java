package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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
 * The whole node while its Redis is killed (SIGKILL) and started again on the same data: /health goes DOWN and
 * UP again, the appeals made before are all there, and an appeal registered the moment Redis answers again is
 * stored and its resident gets the SMS.
 */
class RedisRestartTest {
    /** How long anything may take to recover after Redis is back (Lettuce reconnects with a back-off). */
    static final Duration RECOVERY = Duration.ofSeconds(60);

    RedisServer redis;
    final Vertx smscVertx = Vertx.vertx();
    SmscSimulator smsc;
    ViknoServer server;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    Path data;
    Map<String, String> env;
    int trunkPort;

    @BeforeEach
    void start(@TempDir Path data) throws Exception {
        this.data = data;
        redis = RedisServer.start();
        env = new HashMap<>(TestConfigs.environment(redis.url(), 0, data));
        env.put("VIKNO_SMSC_SIMULATOR", "false");
        trunkPort = ua.vikno.testkit.FreePorts.next();
        env.put("VIKNO_TRUNK_PORT", String.valueOf(trunkPort));
        ViknoConfig config = TestConfigs.sample(env);
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
    void redisKilledAndRestartedLosesNothingAndHealthGoesDownThenUp() throws Exception {
        List<JsonObject> before = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Appeal a = await(server.appeals().registerCall(call("before-" + i, "+38050333000" + i)));
            before.add(appealJson(a.number()));
        }
        String changed = before.get(0).getString("number");
        await(server.appeals().changeStatus(changed, AppealStatus.ASSIGNED, "test", "бригада"));
        JsonObject changedBefore = appealJson(changed);

        redis.kill();
        HttpResponse<String> down = Http.await(server.httpPort(), "/health", r -> r.statusCode() == 503,
                Duration.ofSeconds(10));
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(new JsonObject(down.body()).getJsonObject("components").getJsonObject("redis").getString("status"))
                .isEqualTo("DOWN");

        redis.startAgain();
        Appeal after = registerOnceRedisAnswers(call("after", "+380503330009"));

        HttpResponse<String> up = Http.await(server.httpPort(), "/health", r -> r.statusCode() == 200, RECOVERY);
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        for (JsonObject a : before.subList(1, before.size())) {
            assertThat(appealJson(a.getString("number"))).isEqualTo(a);
        }
        assertThat(appealJson(changed)).isEqualTo(changedBefore);
        assertThat(appealJson(after.number()).getString("phone")).isEqualTo("+380503330009");
        JsonObject list = new JsonObject(Http.api(server.httpPort(), "/api/appeals?limit=100").body());
        assertThat(list.getLong("total")).isEqualTo(4);
        eventually(() -> assertThat(smsc.received()).extracting(ReceivedSms::text)
                .contains("Звернення №" + after.number() + " зареєстровано. Тел. +380444960000"));
    }

    @Test
    void aResidentsCallThatEndsWhileRedisIsDownBecomesAnAppealWithItsSmsOnceRedisIsBackWithoutARestart()
            throws Exception {
        redis.kill();
        Http.await(server.httpPort(), "/health", r -> r.statusCode() == 503, Duration.ofSeconds(10));

        ResidentCalls.Result call = ResidentCalls.place(data, Integer.parseInt(env.get("VIKNO_SIP_PORT")), trunkPort,
                List.of("+380672220001"), Duration.ofSeconds(2));
        assertThat(call.exitCode()).as("the hotline answers while Redis is down: %s", call).isZero();
        HttpResponse<String> waiting = Http.await(server.httpPort(), "/health",
                r -> r.body().contains("appealsWaitingForRedis"), Duration.ofSeconds(10));
        assertThat(new JsonObject(waiting.body()).getJsonObject("components").getJsonObject("sip")
                .getInteger("appealsWaitingForRedis")).isEqualTo(1);

        redis.startAgain();
        eventually(() -> assertThat(appealsOf("+380672220001")).as("appeals of the resident").hasSize(1));
        JsonObject appeal = appealsOf("+380672220001").getJsonObject(0);
        eventually(() -> assertThat(smsc.received()).extracting(ReceivedSms::text)
                .containsOnlyOnce("Звернення №" + appeal.getString("number") + " зареєстровано. Тел. +380444960000"));
        HttpResponse<String> drained = Http.await(server.httpPort(), "/health",
                r -> r.statusCode() == 200 && !r.body().contains("appealsWaiting"), RECOVERY);
        assertThat(drained.body()).doesNotContain("appealsWaiting");
        assertThat(data.resolve("pending-appeals")).as("the spool, once the appeal is stored").isEmptyDirectory();
    }

    /**
     * Registers the call as soon as the restarted Redis takes it: Lettuce reconnects with a back-off, and a command
     * sent before that times out, so the test tries again (the same call id makes one appeal) for up to
     * {@link #RECOVERY}.
     */
    private Appeal registerOnceRedisAnswers(CompletedCall call) throws Exception {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (true) {
            try {
                return await(server.appeals().registerCall(call));
            } catch (java.util.concurrent.ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** Polls the assertion for up to {@link #RECOVERY}: recovery after a Redis restart is slow on a slow machine. */
    static void eventually(Runnable assertion) throws InterruptedException {
        Instant deadline = Instant.now().plus(RECOVERY);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private io.vertx.core.json.JsonArray appealsOf(String phone) {
        try {
            String query = "/api/appeals?phone=" + java.net.URLEncoder.encode(phone, java.nio.charset.StandardCharsets.UTF_8);
            return new JsonObject(Http.api(server.httpPort(), query).body()).getJsonArray("items");
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private JsonObject appealJson(String number) throws Exception {
        HttpResponse<String> r = Http.api(server.httpPort(), "/api/appeals/" + number);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject a = new JsonObject(r.body());
        a.remove("sms"); // delivery statuses move on by themselves
        a.remove("updatedAt");
        a.remove("version");
        return a;
    }

    private static CompletedCall call(String id, String phone) {
        Instant ended = Instant.now();
        return new CompletedCall("redis-restart-" + id + "-" + ended.toEpochMilli(), phone, "+380444960000",
                ended.minusSeconds(90), Optional.empty(), ended, "main>2", List.of("Електропостачання"),
                Optional.of("electricity"), Optional.empty(), Duration.ofSeconds(30), Duration.ZERO, Optional.empty(),
                "caller hung up", AppealKind.ABANDONED);
    }
}
