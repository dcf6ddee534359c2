package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import ua.vikno.appeals.Appeal;
import ua.vikno.appeals.AppealKind;
import ua.vikno.appeals.CompletedCall;
import ua.vikno.config.ViknoConfig;
import ua.vikno.sms.simulator.ReceivedSms;
import ua.vikno.sms.simulator.SmscSimulator;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.SharedRedis;

/**
 * The whole node on the sample configuration, with an SMSC of the test's own over SMPP: a completed call
 * becomes an appeal, the resident gets the Ukrainian SMS, a status change through the HTTP API sends the next,
 * and the delivery receipts show on the appeal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppealSmsTest {
    final Vertx smscVertx = Vertx.vertx();
    SmscSimulator smsc;
    ViknoServer server;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(TestConfigs.environment(SharedRedis.get().url().replace("/0", "/7"), 0, data));
        env.put("VIKNO_SMPP_PORT", String.valueOf(FreePorts.next()));
        env.put("VIKNO_SMSC_SIMULATOR", "false");
        SharedRedis.get().command("SELECT", "7");
        ViknoConfig config = TestConfigs.sample(env);
        smsc = SmscSimulator.fromConfig(smscVertx, config.sms(), Clock.systemUTC());
        await(smsc.start());
        server = await(ViknoServer.start(config));
        Http.await(server.httpPort(), "/health", r -> r.statusCode() == 200, Duration.ofSeconds(15));
    }

    @AfterAll
    void stop() throws Exception {
        await(server.stop());
        await(smsc.stop());
        smscVertx.close();
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

    @Test
    void aCompletedCallBecomesAnAppealAndTheResidentIsToldByUkrainianSmsAtEveryStep() throws Exception {
        Instant ended = Instant.now();
        String phone = "+38067" + (1000000 + (int) (Math.random() * 8999999));
        CompletedCall call = new CompletedCall("sms-e2e-" + ended.toEpochMilli(), phone, "+380444960000",
                ended.minusSeconds(90), Optional.of(ended.minusSeconds(60)), ended, "main>1>2",
                List.of("Водопостачання", "Гаряча вода"), Optional.of("water"), Optional.of("210"),
                Duration.ofSeconds(8), Duration.ofSeconds(60), Optional.empty(), "normal", AppealKind.ANSWERED);
        Appeal appeal = await(server.appeals().registerCall(call));

        eventually(() -> assertThat(smsc.received()).filteredOn(m -> m.destination().equals(phone))
                .extracting(ReceivedSms::text)
                .containsExactly("Звернення №" + appeal.number() + " зареєстровано. Тел. +380444960000"));

        ConsoleClient operator = ConsoleClient.loggedIn(server.httpPort(), ConsoleClient.OPERATOR,
                ConsoleClient.OPERATOR_PASSWORD);
        HttpResponse<String> assigned = operator.post("/api/appeals/" + appeal.number() + "/assign",
                new JsonObject().put("assignee", "water").put("comment", "бригада"));
        assertThat(assigned.statusCode()).isEqualTo(200);

        eventually(() -> assertThat(smsc.received()).filteredOn(m -> m.destination().equals(phone))
                .extracting(ReceivedSms::text)
                .contains("Звернення №" + appeal.number() + " передано: Водопостачання (холодна та гаряча вода)"));
        eventually(() -> {
            try {
                JsonObject a = new JsonObject(operator.get("/api/appeals/" + appeal.number()).body());
                assertThat(a.getJsonArray("sms").stream().map(o -> ((JsonObject) o).getString("status")).toList())
                        .containsExactly("delivered", "delivered");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }
}
