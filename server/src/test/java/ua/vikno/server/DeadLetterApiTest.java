package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import ua.vikno.appeals.AppealKind;
import ua.vikno.appeals.CompletedCall;
import ua.vikno.config.ViknoConfig;
import ua.vikno.sms.simulator.ReceivedSms;
import ua.vikno.sms.simulator.SmscSimulator;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.RedisServer;

/** An SMS the SMSC keeps refusing lands in the dead letters an administrator sees, and can be sent again from there. */
class DeadLetterApiTest {
    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aRefusedSmsIsShownAsADeadLetterAndARetrySendsItOnce(@TempDir Path data) throws Exception {
        Vertx smscVertx = Vertx.vertx();
        try (RedisServer redis = RedisServer.start()) {
            Map<String, String> env = new HashMap<>(TestConfigs.environment(redis.url(), 0, data));
            env.put("VIKNO_SMSC_SIMULATOR", "false");
            ViknoConfig config = TestConfigs.sampleWith(env, "max-attempts: 10", "max-attempts: 1");
            SmscSimulator smsc = SmscSimulator.fromConfig(smscVertx, config.sms(), Clock.systemUTC());
            await(smsc.start());
            String phone = "+380501234567";
            smsc.rejectDestination(phone, 0x0B); // ESME_RINVDSTADR
            ViknoServer server = await(ViknoServer.start(config));
            try {
                Instant ended = Instant.now();
                String number = await(server.appeals().registerCall(new CompletedCall("dead-letter-1", phone,
                        "+380444960000", ended.minusSeconds(60), Optional.empty(), ended, "main", List.of(),
                        Optional.empty(), Optional.empty(), Duration.ZERO, Duration.ZERO, Optional.empty(), "normal",
                        AppealKind.ABANDONED))).number();

                HttpResponse<String> dead = Http.awaitApi(server.httpPort(), "/api/sms/dead-letters",
                        r -> r.statusCode() == 200 && !new JsonObject(r.body()).getJsonArray("items").isEmpty(),
                        Duration.ofSeconds(20));
                JsonArray items = new JsonObject(dead.body()).getJsonArray("items");
                assertThat(items).hasSize(1);
                JsonObject letter = items.getJsonObject(0);
                assertThat(letter.getString("destination")).isEqualTo(phone);
                assertThat(letter.getString("reference")).isEqualTo(number);
                assertThat(letter.getString("text")).isEqualTo("Звернення №" + number + " зареєстровано. Тел. +380444960000");

                assertThat(Http.api(server.httpPort(), "POST", "/api/sms/dead-letters/no-such-id/retry", "{}").statusCode())
                        .isEqualTo(404);
                smsc.clear();
                HttpResponse<String> retried = Http.api(server.httpPort(), "POST",
                        "/api/sms/dead-letters/" + letter.getString("id") + "/retry", "{}");
                assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);

                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (smsc.received().stream().noneMatch(m -> m.destination().equals(phone)) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(smsc.received()).filteredOn(m -> m.destination().equals(phone))
                        .extracting(ReceivedSms::text).containsExactly(letter.getString("text"));
                assertThat(new JsonObject(Http.api(server.httpPort(), "/api/sms/dead-letters").body())
                        .getJsonArray("items")).isEmpty();
            } finally {
                await(server.stop());
                await(smsc.stop());
            }
        } finally {
            smscVertx.close();
        }
    }
}
