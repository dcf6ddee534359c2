package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import ua.vikno.testkit.RedisServer;

/** Console logins live in Redis: they outlive a node, work on every node of the Redis, and end everywhere. */
class SharedConsoleSessionsTest {

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    static ViknoServer node(String redisUrl, Path data) throws Exception {
        return await(ViknoServer.start(TestConfigs.sample(TestConfigs.environment(redisUrl, 0, data))));
    }

    static String loginOf(HttpResponse<String> r) {
        return r.statusCode() == 200 ? new JsonObject(r.body()).getString("login") : "HTTP " + r.statusCode();
    }

    @Test
    void aLoginWorksOnEveryNodeOutlivesARestartAndALogoutEndsItEverywhere(@TempDir Path a, @TempDir Path b)
            throws Exception {
        String redis = ua.vikno.testkit.SharedRedis.get().url().replace("/0", "/9");
        ViknoServer first = node(redis, a);
        ViknoServer second = node(redis, b);
        try {
            ConsoleClient operator = ConsoleClient.loggedIn(first.httpPort(), ConsoleClient.OPERATOR,
                    ConsoleClient.OPERATOR_PASSWORD);
            ConsoleClient onSecond = operator.at(second.httpPort());
            assertThat(loginOf(onSecond.get("/api/session"))).isEqualTo(ConsoleClient.OPERATOR);
            // a page opens with several requests at once, on both nodes: none is refused for the session's version
            java.util.List<java.util.concurrent.CompletableFuture<Integer>> together = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ConsoleClient on = i % 2 == 0 ? operator : onSecond;
                together.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return on.get("/api/directory").statusCode();
                    } catch (Exception e) {
                        return -1;
                    }
                }));
            }
            assertThat(together).allSatisfy(f -> assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(200));

            await(first.stop());
            first = node(redis, a);
            ConsoleClient onRestarted = operator.at(first.httpPort());
            assertThat(loginOf(onRestarted.get("/api/session"))).isEqualTo(ConsoleClient.OPERATOR);

            assertThat(onSecond.logout().statusCode()).isEqualTo(200);
            assertThat(onRestarted.get("/api/session").statusCode()).isEqualTo(401);
            assertThat(onSecond.get("/api/session").statusCode()).isEqualTo(401);
        } finally {
            await(first.stop());
            await(second.stop());
        }
    }

    @Test
    void whileRedisIsAwayTheApiAnswers503JsonAndTheLoginHoldsOnceItIsBack(@TempDir Path data) throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            ViknoServer server = node(redis.url(), data);
            try {
                ConsoleClient operator = ConsoleClient.loggedIn(server.httpPort(), ConsoleClient.OPERATOR,
                        ConsoleClient.OPERATOR_PASSWORD);
                HttpResponse<java.util.stream.Stream<String>> events = operator.http().sendAsync(
                        operator.request("/api/events").timeout(Duration.ofSeconds(90)).GET().build(),
                        HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
                java.util.concurrent.CompletableFuture<Long> ended = java.util.concurrent.CompletableFuture
                        .supplyAsync(() -> events.body().count());
                long opened = System.nanoTime();
                redis.kill();
                HttpResponse<String> away = operator.get("/api/session");
                assertThat(away.statusCode()).as(away.body()).isEqualTo(503);
                assertThat(new JsonObject(away.body()).getString("error")).isNotBlank();
                // the failed-login counts are in Redis too: no password is checked without them, right or wrong
                for (String password : new String[] {"a-guess", ConsoleClient.OPERATOR_PASSWORD}) {
                    HttpResponse<String> login = new ConsoleClient(server.httpPort()).login(ConsoleClient.OPERATOR,
                            password);
                    assertThat(login.statusCode()).as(login.body()).isEqualTo(503);
                    assertThat(new JsonObject(login.body()).getString("error")).isNotBlank();
                }

                // the event stream's heartbeat (every 20 s) cannot read the session now: the stream goes on
                Thread.sleep(Math.max(0, Duration.ofSeconds(24).toMillis() - (System.nanoTime() - opened) / 1_000_000));
                assertThat(ended).as("the live event stream was ended while Redis was away").isNotDone();

                redis.startAgain();
                // Lettuce reconnects with back-off (capped at 2 s): poll, on a slow machine for a good while
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                HttpResponse<String> back = operator.get("/api/session");
                while (back.statusCode() != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                    back = operator.get("/api/session");
                }
                assertThat(loginOf(back)).isEqualTo(ConsoleClient.OPERATOR);
            } finally {
                await(server.stop());
            }
        }
    }
}
