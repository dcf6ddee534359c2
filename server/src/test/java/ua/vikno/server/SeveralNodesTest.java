package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import ua.vikno.server.console.ConsoleAddresses;
import ua.vikno.server.console.IncomingCall;
import ua.vikno.testkit.SharedRedis;

/** Two nodes on one Redis database behave as one contact centre for the console. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeveralNodesTest {
    static final String DB = "10";

    ViknoServer a;
    ViknoServer b;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @BeforeAll
    void start(@TempDir Path dataA, @TempDir Path dataB) throws Exception {
        String url = SharedRedis.get().url().replace("/0", "/" + DB);
        a = await(ViknoServer.start(TestConfigs.sample(TestConfigs.environment(url, 0, dataA))));
        b = await(ViknoServer.start(TestConfigs.sample(TestConfigs.environment(url, 0, dataB))));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (a != null) {
                await(a.stop());
            }
        } finally {
            if (b != null) {
                await(b.stop());
            }
        }
    }

    @Test
    void aCallRingingThroughOneNodePopsUpOnceForItsUserLoggedInOnTheOther() throws Exception {
        ConsoleClient onB = ConsoleClient.loggedIn(b.httpPort(), ConsoleClient.OPERATOR, ConsoleClient.OPERATOR_PASSWORD);
        ConsoleClient onA = onB.at(a.httpPort());
        BlockingQueue<String> streamOnB = events(onB);
        BlockingQueue<String> streamOnA = events(onA);
        Thread.sleep(300);

        a.vertx().eventBus().publish(ConsoleAddresses.INCOMING_CALLS,
                new IncomingCall("ring-nodes-1", "+380671230001", "200", "main>2", Instant.now()));

        List<String> onBoth = dataMentioning(List.of(streamOnB, streamOnA), "ring-nodes-1", Duration.ofSeconds(3));
        assertThat(onBoth).hasSize(2).allSatisfy(d -> assertThat(new JsonObject(d).getString("caller"))
                .isEqualTo("+380671230001"));
        onB.logout();
    }

    @Test
    void aCallRingingAnotherLineIsNotShownToThisUserOnAnyNode() throws Exception {
        ConsoleClient supervisor = ConsoleClient.loggedIn(b.httpPort(), ConsoleClient.SUPERVISOR,
                ConsoleClient.SUPERVISOR_PASSWORD);
        BlockingQueue<String> stream = events(supervisor);
        Thread.sleep(300);
        a.vertx().eventBus().publish(ConsoleAddresses.INCOMING_CALLS,
                new IncomingCall("ring-nodes-2", "+380671230002", "200", "", Instant.now()));
        assertThat(dataMentioning(List.of(stream), "ring-nodes-2", Duration.ofSeconds(2))).isEmpty();
        supervisor.logout();
    }

    @Test
    void aClosureForcedOnOneNodeIsReportedByTheOtherWithinASecondOrTwo() throws Exception {
        ConsoleClient admin = ConsoleClient.loggedIn(a.httpPort(), ConsoleClient.ADMIN, ConsoleClient.ADMIN_PASSWORD);
        ConsoleClient adminOnB = admin.at(b.httpPort());
        JsonObject closure = new JsonObject().put("state", "closed").put("prompt", "outage").put("reason", "аварія")
                .put("until", Instant.now().plus(Duration.ofHours(2)).toString());
        HttpResponse<String> forced = admin.call("PUT", "/api/schedule/override", closure.encode());
        assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);

        assertThat(pollJson(adminOnB, "/api/schedule", j -> !j.getBoolean("open"), Duration.ofSeconds(2)))
                .as("B's schedule").isNotNull();

        assertThat(admin.call("DELETE", "/api/schedule/override", "").statusCode()).isEqualTo(200);
        assertThat(pollJson(adminOnB, "/api/schedule", j -> !"override".equals(j.getString("source")),
                Duration.ofSeconds(2))).isNotNull();
        admin.logout();
    }

    @Test
    void aPlanEditedOnOneNodeIsInForceOnTheOtherWithinASecondOrTwoAndSoIsItsRemoval() throws Exception {
        ConsoleClient admin = ConsoleClient.loggedIn(a.httpPort(), ConsoleClient.ADMIN, ConsoleClient.ADMIN_PASSWORD);
        ConsoleClient adminOnB = admin.at(b.httpPort());
        JsonObject plan = new JsonObject(admin.get("/api/schedule/plan").body());
        plan.remove("timeZone");
        plan.remove("source");
        plan.getJsonArray("holidays").add(new JsonObject().put("date", "2099-12-30").put("name", "Вузлів день"));
        HttpResponse<String> edited = admin.call("PUT", "/api/schedule/plan", plan.encode());
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);

        // the periodic reread is every 30 s: a second or two can only be the announcement
        JsonObject onB = pollJson(adminOnB, "/api/schedule/plan", j -> "edited".equals(j.getString("source")),
                Duration.ofSeconds(2));
        assertThat(onB).as("B's plan").isNotNull();
        assertThat(onB.getJsonArray("holidays").encode()).contains("Вузлів день");

        assertThat(admin.call("DELETE", "/api/schedule/plan", "").statusCode()).isEqualTo(200);
        assertThat(pollJson(adminOnB, "/api/schedule/plan", j -> "config".equals(j.getString("source")),
                Duration.ofSeconds(2))).as("B's plan after the removal").isNotNull();
        admin.logout();
    }

    @Test
    void failedLoginsSpreadOverTheNodesLockTheLoginOutOnEveryNode() throws Exception {
        // a login nobody has: locking it out disturbs no other test of the class
        String login = "mallory";
        ConsoleClient onA = new ConsoleClient(a.httpPort());
        ConsoleClient onB = new ConsoleClient(b.httpPort());
        for (int i = 1; i <= 4; i++) {
            ConsoleClient on = i % 2 == 0 ? onA : onB;
            assertThat(on.login(login, "guess-" + i).statusCode()).as("failure %d", i).isEqualTo(401);
        }
        HttpResponse<String> fifth = onA.login(login, "guess-5");
        assertThat(fifth.statusCode()).isEqualTo(429);
        assertThat(fifth.headers().firstValue("retry-after")).get().isEqualTo("900");

        HttpResponse<String> onTheOther = onB.login(login, "guess-6");
        assertThat(onTheOther.statusCode()).as(onTheOther.body()).isEqualTo(429);
        assertThat(new JsonObject(onTheOther.body()).getLong("retryAfterSeconds")).isBetween(1L, 900L);
        assertThat(ConsoleClient.loggedIn(b.httpPort(), ConsoleClient.SUPERVISOR, ConsoleClient.SUPERVISOR_PASSWORD)
                .logout().statusCode()).isEqualTo(200);
        assertThat(new ConsoleClient(a.httpPort()).get("/metrics").body()).containsPattern("vikno_console_login_lockouts_total\\S* 1\\.0");
        assertThat(new ConsoleClient(b.httpPort()).get("/metrics").body()).containsPattern("vikno_console_login_lockouts_total\\S* 0\\.0");
    }

    /** The first 200 JSON answer of {@code path} that {@code wanted} accepts within {@code wait}, else null. */
    static JsonObject pollJson(ConsoleClient c, String path, java.util.function.Predicate<JsonObject> wanted,
                               Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            HttpResponse<String> r = c.get(path);
            if (r.statusCode() == 200 && wanted.test(new JsonObject(r.body()))) {
                return new JsonObject(r.body());
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return null;
    }

    BlockingQueue<String> events(ConsoleClient c) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> response = c.http().sendAsync(c.request("/api/events")
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofLines())
                .get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> response.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** Every data line of the streams that mentions {@code text} within {@code wait}. */
    static List<String> dataMentioning(List<BlockingQueue<String>> streams, String text, Duration wait)
            throws InterruptedException {
        List<String> found = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (BlockingQueue<String> s : streams) {
                String line = s.poll(50, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith("data: ") && line.contains(text)) {
                    found.add(line.substring(6));
                }
            }
        }
        return found;
    }
}
