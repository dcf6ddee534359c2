package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

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
 * The node as a separate JVM, killed with SIGKILL the moment the last of several residents' calls (SIPp through
 * the trunk) has ended, while the SMSC is down: a new process on the same Redis shows every call's appeal once,
 * and when the SMSC comes back every appeal's "registered" SMS reaches it exactly once.
 */
class ServerKilledAfterCallsTest {
    static final List<String> RESIDENTS = List.of("+380671110001", "+380501110002", "+380631110003",
            "+380931110004", "+380971110005");

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
        env.put("VIKNO_NODE", "crash-test-node"); // the restarted process is the same node
        smsc = SmscSimulator.fromConfig(smscVertx, TestConfigs.sample(env).sms(), Clock.systemUTC());
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
    void theServerKilledWithSigkillRightAfterCallsEndLosesNoAppealAndNoSms() throws Exception {
        await(smsc.start());
        Process first = startServer("first");
        Http.await(httpPort, "/health", r -> r.statusCode() == 200, Duration.ofSeconds(20));
        await(smsc.stop()); // SMS stay in the outbox from here on

        ResidentCalls.Result calls = ResidentCalls.place(data, Integer.parseInt(env.get("VIKNO_SIP_PORT")), trunkPort,
                RESIDENTS, Duration.ofSeconds(3));
        assertThat(calls.exitCode()).as(calls.toString()).isZero();
        first.toHandle().destroyForcibly(); // SIGKILL, the moment SIPp saw the last 200 OK to its BYE
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();

        startServer("second");
        Http.awaitApi(httpPort, "/api/appeals", r -> r.statusCode() == 200, Duration.ofSeconds(20));
        JsonArray items = new JsonObject(Http.api(httpPort, "/api/appeals?limit=100").body()).getJsonArray("items");
        Map<String, List<String>> appealsByPhone = items.stream().map(o -> (JsonObject) o).collect(Collectors.groupingBy(
                a -> a.getString("phone"), Collectors.mapping(a -> a.getString("number"), Collectors.toList())));
        assertThat(appealsByPhone).as("appeals after the restart: " + items.encodePrettily() + log("first"))
                .containsOnlyKeys(RESIDENTS);
        assertThat(appealsByPhone.values()).allSatisfy(numbers -> assertThat(numbers).hasSize(1));
        assertThat(redis.command("EXISTS", "vikno:node:crash-test-node:live-calls")).as("calls still noted live")
                .isEqualTo(":0");

        await(smsc.start());
        Map<String, String> expected = new HashMap<>();
        appealsByPhone.forEach((phone, numbers) -> expected.put(phone,
                "Звернення №" + numbers.get(0) + " зареєстровано. Тел. +380444960000"));
        await(() -> smsc.received().size() >= RESIDENTS.size(), Duration.ofSeconds(30),
                "every registered SMS at the SMSC (got " + smsc.received() + ")" + log("second"));
        Thread.sleep(1500); // a duplicate would come right behind
        assertThat(smsc.received()).extracting(ReceivedSms::destination, ReceivedSms::text)
                .containsExactlyInAnyOrderElementsOf(expected.entrySet().stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.getKey(), e.getValue())).toList());
        for (List<String> numbers : appealsByPhone.values()) {
            AppealSmsTest.eventually(() -> {
                try {
                    JsonArray sms = new JsonObject(Http.api(httpPort, "/api/appeals/" + numbers.get(0)).body())
                            .getJsonArray("sms");
                    assertThat(sms.stream().map(o -> ((JsonObject) o).getString("status")).toList())
                            .as("SMS of appeal %s", numbers.get(0)).containsExactly("delivered");
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    private Process startServer(String name) throws IOException, InterruptedException {
        Path out = data.resolve(name + ".log");
        Process p = MainProcessTest.vikno(env, "--config", TestConfigs.SAMPLE.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        servers.add(p);
        await(() -> read(out).contains("Vikno ready in") || !p.isAlive(), Duration.ofSeconds(40), "ready: " + read(out));
        assertThat(p.isAlive()).as(read(out)).isTrue();
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
