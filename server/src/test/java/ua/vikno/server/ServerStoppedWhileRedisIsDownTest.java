package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import ua.vikno.sms.simulator.ReceivedSms;
import ua.vikno.sms.simulator.SmscSimulator;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.RedisServer;

/**
 * The node as a separate JVM, stopped (SIGKILL or SIGTERM) after a resident's call (SIPp through the trunk) ended
 * while Redis was down, and started again once Redis is back: the call was never in the live-call journal, which
 * lives in Redis, so only the node's pending-appeals spool on disk knows it; it still gives exactly one appeal and
 * one "registered" SMS. A call noted in the journal before Redis went down and spooled at its end gives one appeal
 * too, of its real record rather than an interrupted one.
 */
class ServerStoppedWhileRedisIsDownTest {
    /** How long a recovery after a Redis restart may take on a slow machine (Lettuce reconnects with back-off). */
    static final Duration RECOVERY = Duration.ofSeconds(60);
    static final String NODE = "spool-test-node";

    RedisServer redis;
    final Vertx smscVertx = Vertx.vertx();
    SmscSimulator smsc;
    Map<String, String> env;
    Path data;
    int httpPort;
    int trunkPort;
    final List<Process> servers = new ArrayList<>();

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        data = dir;
        redis = RedisServer.start();
        httpPort = FreePorts.next();
        trunkPort = FreePorts.next();
        env = new HashMap<>(TestConfigs.environment(redis.url(), httpPort, dir));
        env.put("VIKNO_SMSC_SIMULATOR", "false");
        env.put("VIKNO_TRUNK_PORT", String.valueOf(trunkPort));
        env.put("VIKNO_NODE", NODE); // the restarted process is the same node
        smsc = SmscSimulator.fromConfig(smscVertx, TestConfigs.sample(env).sms(), Clock.systemUTC());
        await(smsc.start());
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : servers) {
            p.toHandle().destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        await(smsc.stop());
        smscVertx.close();
        redis.close();
    }

    @Test
    void aCallMadeWhileRedisIsDownSurvivesSigkillBeforeRedisIsBack() throws Exception {
        String resident = "+380673330001";
        Process first = startServer("first");
        callWhileRedisIsDown(resident);

        first.toHandle().destroyForcibly(); // SIGKILL: nothing in memory survives
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertExactlyOneAppealAndOneSmsAfterRedisAndTheNodeComeBack(resident);
    }

    @Test
    void aCallMadeWhileRedisIsDownSurvivesAnOrderlyStopBeforeRedisIsBack() throws Exception {
        String resident = "+380503330002";
        Process first = startServer("first");
        callWhileRedisIsDown(resident);

        first.destroy(); // SIGTERM: the orderly stop, with Redis still away
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).as("stopped" + log("first")).isTrue();
        assertThat(first.exitValue()).as("exit code" + log("first")).isZero();

        assertExactlyOneAppealAndOneSmsAfterRedisAndTheNodeComeBack(resident);
    }

    @Test
    void aCallInTheJournalAndInTheSpoolGivesOneAppealOfItsRealRecord() throws Exception {
        String resident = "+380933330003";
        startServer("first");
        int sipPort = Integer.parseInt(env.get("VIKNO_SIP_PORT"));
        CompletableFuture<ResidentCalls.Result> call = CompletableFuture.supplyAsync(() -> {
            try {
                return ResidentCalls.place(data, sipPort, trunkPort, List.of(resident), Duration.ofSeconds(6));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        String journal = "vikno:node:" + NODE + ":live-calls";
        await(() -> redis.command("HLEN", journal).equals(":1"), Duration.ofSeconds(20), "the call noted live");
        redis.kill(); // while the resident still listens
        assertThat(call.get(60, TimeUnit.SECONDS).exitCode()).as(call.get().toString()).isZero();
        awaitSpooled(1);

        servers.get(0).toHandle().destroyForcibly();
        assertThat(servers.get(0).waitFor(10, TimeUnit.SECONDS)).isTrue();

        JsonObject appeal = assertExactlyOneAppealAndOneSmsAfterRedisAndTheNodeComeBack(resident);
        JsonArray calls = new JsonArray(Http.api(httpPort, "/api/calls").body());
        JsonObject record = calls.stream().map(o -> (JsonObject) o)
                .filter(c -> c.getString("callId").equals(appeal.getString("callId"))).findFirst().orElseThrow();
        assertThat(record.getString("hangupCause")).as("the stored call record: %s", record)
                .isNotEqualTo("interrupted");
        assertThat(redis.command("EXISTS", journal)).as("calls still noted live").isEqualTo(":0");
    }

    /** Redis goes down, then a resident calls and hangs up; returns once the node has the call on disk. */
    private void callWhileRedisIsDown(String resident) throws Exception {
        redis.kill();
        Http.await(httpPort, "/health", r -> r.statusCode() == 503, Duration.ofSeconds(10));
        ResidentCalls.Result call = ResidentCalls.place(data, Integer.parseInt(env.get("VIKNO_SIP_PORT")), trunkPort,
                List.of(resident), Duration.ofSeconds(2));
        assertThat(call.exitCode()).as("the hotline answers while Redis is down: %s", call).isZero();
        awaitSpooled(1);
    }

    private void awaitSpooled(int calls) throws Exception {
        HttpResponse<String> health = Http.await(httpPort, "/health", r -> spooled(r) == calls, Duration.ofSeconds(20));
        assertThat(spooled(health)).as("calls spooled: %s%s", health.body(), log("first")).isEqualTo(calls);
    }

    private static int spooled(HttpResponse<String> health) {
        JsonObject sip = new JsonObject(health.body()).getJsonObject("components", new JsonObject())
                .getJsonObject("sip", new JsonObject());
        return sip.getInteger("appealsSpooled", 0);
    }

    private JsonObject assertExactlyOneAppealAndOneSmsAfterRedisAndTheNodeComeBack(String resident) throws Exception {
        redis.startAgain();
        startServer("second");
        String query = "/api/appeals?phone=" + URLEncoder.encode(resident, StandardCharsets.UTF_8);
        HttpResponse<String> found = Http.awaitApi(httpPort, query, r -> r.statusCode() == 200
                && new JsonObject(r.body()).getJsonArray("items").size() > 0, RECOVERY);
        JsonArray items = new JsonObject(found.body()).getJsonArray("items");
        assertThat(items).as("appeals of %s: %s%s%s", resident, found.body(), log("first"), log("second")).hasSize(1);
        JsonObject appeal = items.getJsonObject(0);
        String text = "Звернення №" + appeal.getString("number") + " зареєстровано. Тел. +380444960000";
        await(() -> smsc.received().stream().anyMatch(s -> s.destination().equals(resident)), RECOVERY,
                "the registered SMS at the SMSC (got " + smsc.received() + ")" + log("second"));
        Thread.sleep(1500); // a duplicate would come right behind
        assertThat(smsc.received()).filteredOn(s -> s.destination().equals(resident)).extracting(ReceivedSms::text)
                .containsExactly(text);
        assertThat(new JsonObject(Http.api(httpPort, query).body()).getJsonArray("items")).as("appeals at the end")
                .hasSize(1);
        assertThat(spoolFiles()).as("files left in the spool").isEmpty();
        return appeal;
    }

    private List<String> spoolFiles() throws IOException {
        Path spool = data.resolve("pending-appeals");
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private Process startServer(String name) throws IOException, InterruptedException {
        Path out = data.resolve(name + ".log");
        Process p = MainProcessTest.vikno(env, "--config", TestConfigs.SAMPLE.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        servers.add(p);
        await(() -> read(out).contains("Vikno ready in") || !p.isAlive(), Duration.ofSeconds(40), "ready: " + read(out));
        assertThat(p.isAlive()).as(read(out)).isTrue();
        Http.await(httpPort, "/health", r -> r.statusCode() == 200, RECOVERY);
        return p;
    }

    private String log(String name) {
        return "\n--- " + name + " server ---\n" + read(data.resolve(name + ".log"));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
