package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.vikno.server.ServerProcessFixture.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import ua.vikno.sms.simulator.ReceivedSms;

/**
 * The node as a separate JVM, killed with SIGKILL the moment the last of several residents' calls (SIPp through
 * the trunk) has ended, while the SMSC is down: a new process on the same Redis shows every call's appeal once,
 * and when the SMSC comes back every appeal's "registered" SMS reaches it exactly once.
 */
class ServerKilledAfterCallsTest {
    static final List<String> RESIDENTS = List.of("+380671110001", "+380501110002", "+380631110003",
            "+380931110004", "+380971110005");

    ServerProcessFixture node;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        node = ServerProcessFixture.start(dir, "crash-test-node"); // the restarted process is the same node
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void theServerKilledWithSigkillRightAfterCallsEndLosesNoAppealAndNoSms() throws Exception {
        await(node.smsc.start());
        Process first = node.startServer("first");
        Http.await(node.httpPort, "/health", r -> r.statusCode() == 200, Duration.ofSeconds(20));
        await(node.smsc.stop()); // SMS stay in the outbox from here on

        ResidentCalls.Result calls = node.placeCalls(RESIDENTS, Duration.ofSeconds(3));
        assertThat(calls.exitCode()).as(calls.toString()).isZero();
        first.toHandle().destroyForcibly(); // SIGKILL, the moment SIPp saw the last 200 OK to its BYE
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();

        node.startServer("second");
        Http.awaitApi(node.httpPort, "/api/appeals", r -> r.statusCode() == 200, Duration.ofSeconds(20));
        JsonArray items = new JsonObject(Http.api(node.httpPort, "/api/appeals?limit=100").body())
                .getJsonArray("items");
        Map<String, List<String>> appealsByPhone = items.stream().map(o -> (JsonObject) o).collect(Collectors.groupingBy(
                a -> a.getString("phone"), Collectors.mapping(a -> a.getString("number"), Collectors.toList())));
        assertThat(appealsByPhone).as("appeals after the restart: " + items.encodePrettily() + node.log("first"))
                .containsOnlyKeys(RESIDENTS);
        assertThat(appealsByPhone.values()).allSatisfy(numbers -> assertThat(numbers).hasSize(1));
        assertThat(node.redis.command("EXISTS", "vikno:node:crash-test-node:live-calls"))
                .as("calls still noted live").isEqualTo(":0");

        await(node.smsc.start());
        Map<String, String> expected = new HashMap<>();
        appealsByPhone.forEach((phone, numbers) -> expected.put(phone,
                "Звернення №" + numbers.get(0) + " зареєстровано. Тел. +380444960000"));
        await(() -> node.smsc.received().size() >= RESIDENTS.size(), Duration.ofSeconds(30),
                "every registered SMS at the SMSC (got " + node.smsc.received() + ")" + node.log("second"));
        Thread.sleep(1500); // a duplicate would come right behind
        assertThat(node.smsc.received()).extracting(ReceivedSms::destination, ReceivedSms::text)
                .containsExactlyInAnyOrderElementsOf(expected.entrySet().stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.getKey(), e.getValue())).toList());
        for (List<String> numbers : appealsByPhone.values()) {
            AppealSmsTest.eventually(() -> {
                try {
                    JsonArray sms = new JsonObject(Http.api(node.httpPort, "/api/appeals/" + numbers.get(0)).body())
                            .getJsonArray("sms");
                    assertThat(sms.stream().map(o -> ((JsonObject) o).getString("status")).toList())
                            .as("SMS of appeal %s", numbers.get(0)).containsExactly("delivered");
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }
}
