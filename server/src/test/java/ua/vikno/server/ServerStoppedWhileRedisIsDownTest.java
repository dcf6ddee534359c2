package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.vikno.server.ServerProcessFixture.await;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import ua.vikno.sms.simulator.ReceivedSms;

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

    ServerProcessFixture node;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        node = ServerProcessFixture.start(dir, NODE); // the restarted process is the same node
        await(node.smsc.start());
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
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
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).as("stopped" + node.log("first")).isTrue();
        assertThat(first.exitValue()).as("exit code" + node.log("first")).isZero();

        assertExactlyOneAppealAndOneSmsAfterRedisAndTheNodeComeBack(resident);
    }

    @Test
    void aCallInTheJournalAndInTheSpoolGivesOneAppealOfItsRealRecord() throws Exception {
        String resident = "+380933330003";
        startServer("first");
        CompletableFuture<ResidentCalls.Result> call = CompletableFuture.supplyAsync(() -> {
            try {
                return node.placeCalls(List.of(resident), Duration.ofSeconds(6));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        String journal = "vikno:node:" + NODE + ":live-calls";
        await(() -> node.redis.command("HLEN", journal).equals(":1"), Duration.ofSeconds(20), "the call noted live");
        node.redis.kill(); // while the resident still listens
        assertThat(call.get(60, TimeUnit.SECONDS).exitCode()).as(call.get().toString()).isZero();
        awaitSpooled(1);

        node.servers.get(0).toHandle().destroyForcibly();
        assertThat(node.servers.get(0).waitFor(10, TimeUnit.SECONDS)).isTrue();

        JsonObject appeal = assertExactlyOneAppealAndOneSmsAfterRedisAndTheNodeComeBack(resident);
        JsonArray calls = new JsonArray(Http.api(node.httpPort, "/api/calls").body());
        JsonObject record = calls.stream().map(o -> (JsonObject) o)
                .filter(c -> c.getString("callId").equals(appeal.getString("callId"))).findFirst().orElseThrow();
        assertThat(record.getString("hangupCause")).as("the stored call record: %s", record)
                .isNotEqualTo("interrupted");
        assertThat(node.redis.command("EXISTS", journal)).as("calls still noted live").isEqualTo(":0");
    }

    /** Redis goes down, then a resident calls and hangs up; returns once the node has the call on disk. */
    private void callWhileRedisIsDown(String resident) throws Exception {
        node.redis.kill();
        Http.await(node.httpPort, "/health", r -> r.statusCode() == 503, Duration.ofSeconds(10));
        ResidentCalls.Result call = node.placeCalls(List.of(resident), Duration.ofSeconds(2));
        assertThat(call.exitCode()).as("the hotline answers while Redis is down: %s", call).isZero();
        awaitSpooled(1);
    }

    private void awaitSpooled(int calls) throws Exception {
        HttpResponse<String> health = Http.await(node.httpPort, "/health", r -> spooled(r) == calls,
                Duration.ofSeconds(20));
        assertThat(spooled(health)).as("calls spooled: %s%s", health.body(), node.log("first")).isEqualTo(calls);
    }

    private static int spooled(HttpResponse<String> health) {
        JsonObject sip = new JsonObject(health.body()).getJsonObject("components", new JsonObject())
                .getJsonObject("sip", new JsonObject());
        return sip.getInteger("appealsSpooled", 0);
    }

    private JsonObject assertExactlyOneAppealAndOneSmsAfterRedisAndTheNodeComeBack(String resident) throws Exception {
        node.redis.startAgain();
        startServer("second");
        String query = "/api/appeals?phone=" + URLEncoder.encode(resident, StandardCharsets.UTF_8);
        HttpResponse<String> found = Http.awaitApi(node.httpPort, query, r -> r.statusCode() == 200
                && new JsonObject(r.body()).getJsonArray("items").size() > 0, RECOVERY);
        JsonArray items = new JsonObject(found.body()).getJsonArray("items");
        assertThat(items).as("appeals of %s: %s%s%s", resident, found.body(), node.log("first"), node.log("second"))
                .hasSize(1);
        JsonObject appeal = items.getJsonObject(0);
        String text = "Звернення №" + appeal.getString("number") + " зареєстровано. Тел. +380444960000";
        await(() -> node.smsc.received().stream().anyMatch(s -> s.destination().equals(resident)), RECOVERY,
                "the registered SMS at the SMSC (got " + node.smsc.received() + ")" + node.log("second"));
        Thread.sleep(1500); // a duplicate would come right behind
        assertThat(node.smsc.received()).filteredOn(s -> s.destination().equals(resident))
                .extracting(ReceivedSms::text).containsExactly(text);
        assertThat(new JsonObject(Http.api(node.httpPort, query).body()).getJsonArray("items"))
                .as("appeals at the end").hasSize(1);
        assertThat(spoolFiles()).as("files left in the spool").isEmpty();
        return appeal;
    }

    private List<String> spoolFiles() throws IOException {
        Path spool = node.data.resolve("pending-appeals");
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** A process started as {@link ServerProcessFixture#startServer(String)}, once its health is OK. */
    private Process startServer(String name) throws IOException, InterruptedException {
        Process p = node.startServer(name);
        Http.await(node.httpPort, "/health", r -> r.statusCode() == 200, RECOVERY);
        return p;
    }
}
