package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import ua.vikno.appeals.Appeal;
import ua.vikno.appeals.AppealKind;
import ua.vikno.appeals.CompletedCall;
import ua.vikno.server.console.ConsoleAddresses;
import ua.vikno.server.console.IncomingCall;
import ua.vikno.testkit.SharedRedis;

/** The console's security against the real node on the sample configuration and a real Redis. */
class ConsoleSecurityTest {

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static ViknoServer startNode(Path data, String db) throws Exception {
        SharedRedis.get();
        return await(ViknoServer.start(TestConfigs.sample(
                TestConfigs.environment(SharedRedis.get().url().replace("/0", "/" + db), 0, data))));
    }

    static Appeal registerCall(ViknoServer server) throws Exception {
        return registerCall(server, Optional.empty());
    }

    static Appeal registerCall(ViknoServer server, Optional<String> recording) throws Exception {
        Instant ended = Instant.now();
        String phone = "+38050" + (1000000 + (int) (Math.random() * 8999999));
        return await(server.appeals().registerCall(new CompletedCall("console-" + ended.toEpochMilli() + "-" + phone,
                phone, "+380444960000", ended.minusSeconds(60), Optional.of(ended.minusSeconds(40)), ended, "main>1",
                List.of("Водопостачання"), Optional.of("water"), Optional.of("200"), Duration.ofSeconds(5),
                Duration.ofSeconds(40), recording, "normal", AppealKind.ANSWERED)));
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnTheSampleUsers {
        ViknoServer server;
        int port;

        @BeforeAll
        void start(@TempDir Path data) throws Exception {
            server = startNode(data, "3");
            port = server.httpPort();
        }

        @AfterAll
        void stop() throws Exception {
            await(server.stop());
        }

        @Test
        void anApiCallWithoutALoginIs401Json() throws Exception {
            HttpResponse<String> r = Http.get(port, "/api/appeals");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("content-type")).get().asString().startsWith("application/json");
            assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("log in first");
        }

        @Test
        void aWrongPasswordIs401AndSetsNoUser() throws Exception {
            ConsoleClient c = new ConsoleClient(port);
            HttpResponse<String> r = c.login(ConsoleClient.SUPERVISOR, "not-the-password");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("wrong login or password");
            assertThat(c.get("/api/session").statusCode()).isEqualTo(401);
        }

        @Test
        void anUnknownLoginIs401LikeAWrongPassword() throws Exception {
            HttpResponse<String> r = new ConsoleClient(port).login("nobody", "whatever");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("wrong login or password");
        }

        @Test
        void aGoodLoginGivesAnHttpOnlySameSiteStrictSessionCookieAndACsrfToken() throws Exception {
            ConsoleClient c = new ConsoleClient(port);
            HttpResponse<String> r = c.login(ConsoleClient.OPERATOR, ConsoleClient.OPERATOR_PASSWORD);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject user = new JsonObject(r.body());
            assertThat(user.getString("login")).isEqualTo("shevchenko");
            assertThat(user.getJsonArray("roles")).containsExactly("operator");
            assertThat(user.getString("csrfToken")).hasSizeGreaterThan(30);
            String cookie = r.headers().allValues("set-cookie").stream().filter(h -> h.startsWith("vikno_session="))
                    .findFirst().orElseThrow();
            assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
            assertThat(c.get("/api/session").statusCode()).isEqualTo(200);
        }

        @Test
        void aChangeWithoutTheCsrfTokenIs403AndChangesNothing() throws Exception {
            Appeal appeal = registerCall(server);
            ConsoleClient c = ConsoleClient.loggedIn(port, ConsoleClient.OPERATOR, ConsoleClient.OPERATOR_PASSWORD);
            HttpResponse<String> r = c.postWithoutCsrf("/api/appeals/" + appeal.number() + "/comments",
                    new JsonObject().put("text", "forged"));
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(new JsonObject(r.body()).getString("error")).contains("X-CSRF-Token");
            assertThat(c.get("/api/appeals/" + appeal.number() + "/history").body()).doesNotContain("forged");
        }

        @Test
        void theHistoryNamesTheLoggedInUserWhoChangedTheAppeal() throws Exception {
            Appeal appeal = registerCall(server);
            ConsoleClient c = ConsoleClient.loggedIn(port, ConsoleClient.OPERATOR, ConsoleClient.OPERATOR_PASSWORD);
            assertThat(c.post("/api/appeals/" + appeal.number() + "/status", new JsonObject().put("status", "in-progress"))
                    .statusCode()).isEqualTo(200);
            JsonArray history = new JsonArray(c.get("/api/appeals/" + appeal.number() + "/history").body());
            JsonObject change = history.stream().map(JsonObject.class::cast)
                    .filter(e -> "STATUS".equals(e.getString("action"))).findFirst().orElseThrow();
            assertThat(change.getString("actor")).isEqualTo("shevchenko");
            assertThat(change.getString("to")).isEqualTo("in-progress");
        }

        @Test
        void anOperatorWorksWithAppealsAndCallsButCannotReadStatisticsOrTheSchedule() throws Exception {
            ConsoleClient c = ConsoleClient.loggedIn(port, ConsoleClient.OPERATOR, ConsoleClient.OPERATOR_PASSWORD);
            assertThat(c.get("/api/appeals").statusCode()).isEqualTo(200);
            assertThat(c.get("/api/calls").statusCode()).isEqualTo(200);
            assertThat(c.get("/api/calls.csv").statusCode()).isEqualTo(200);
            HttpResponse<String> stats = c.get("/api/statistics");
            assertThat(stats.statusCode()).isEqualTo(403);
            assertThat(stats.headers().firstValue("content-type")).get().asString().startsWith("application/json");
            assertThat(c.get("/api/schedule").statusCode()).isEqualTo(403);
        }

        @Test
        void aSupervisorReadsStatisticsButNotTheSchedule() throws Exception {
            ConsoleClient c = ConsoleClient.loggedIn(port, ConsoleClient.SUPERVISOR, ConsoleClient.SUPERVISOR_PASSWORD);
            assertThat(c.get("/api/statistics").statusCode()).isEqualTo(200);
            assertThat(c.get("/api/appeals").statusCode()).isEqualTo(200);
            assertThat(c.get("/api/schedule").statusCode()).isEqualTo(403);
        }

        @Test
        void anAdminReadsEverythingIncludingTheScheduleState() throws Exception {
            ConsoleClient c = ConsoleClient.loggedIn(port, ConsoleClient.ADMIN, ConsoleClient.ADMIN_PASSWORD);
            assertThat(c.get("/api/statistics").statusCode()).isEqualTo(200);
            HttpResponse<String> schedule = c.get("/api/schedule");
            assertThat(schedule.statusCode()).isEqualTo(200);
            JsonObject s = new JsonObject(schedule.body());
            assertThat(s.getString("zone")).isEqualTo("Europe/Kyiv");
            assertThat(s.getString("describe")).matches("(open|closed).*");
        }

        @Test
        void theDirectoryNamesDepartmentsLinesAndMenuCategoriesButNoSecrets() throws Exception {
            ConsoleClient c = ConsoleClient.loggedIn(port, ConsoleClient.OPERATOR, ConsoleClient.OPERATOR_PASSWORD);
            HttpResponse<String> r = c.get("/api/directory");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject d = new JsonObject(r.body());
            assertThat(d.getString("zone")).isEqualTo("Europe/Kyiv");
            assertThat(d.getJsonArray("categories").stream().map(String::valueOf).toList()).contains("Водопостачання", "Водопостачання / Гаряча вода",
                    "Електропостачання");
            assertThat(d.getJsonArray("departments").stream().map(o -> ((JsonObject) o).getString("id")))
                    .contains("water", "electricity");
            assertThat(r.body()).doesNotContainIgnoringCase("password").doesNotContain("$2y$");
        }

        @Test
        void anAdminSeesTheRegistrationStateOfEveryLine() throws Exception {
            io.lettuce.core.RedisClient redis = io.lettuce.core.RedisClient.create(SharedRedis.get().url().replace("/0", "/3"));
            try (var connection = redis.connect()) {
                connection.sync().hset("vikno:location:sip:105@vikno.local", "sip:105@127.0.0.1:5099",
                        new JsonObject().put("expiresAt", Instant.now().plusSeconds(300).toEpochMilli()).put("callId", "reg-1")
                                .put("cseq", 1).put("source", "udp 127.0.0.1:5099").encode());
            } finally {
                redis.shutdown();
            }
            ConsoleClient admin = ConsoleClient.loggedIn(port, ConsoleClient.ADMIN, ConsoleClient.ADMIN_PASSWORD);
            HttpResponse<String> r = admin.get("/api/lines");
            assertThat(r.statusCode()).isEqualTo(200);
            java.util.Map<String, JsonObject> lines = new java.util.HashMap<>();
            new JsonObject(r.body()).getJsonArray("lines").forEach(o -> lines.put(((JsonObject) o).getString("extension"), (JsonObject) o));
            assertThat(lines).containsKeys("100", "105", "200");
            assertThat(lines.get("105").getBoolean("registered")).isTrue();
            assertThat(lines.get("105").getJsonArray("contacts").getJsonObject(0).getString("contact"))
                    .isEqualTo("sip:105@127.0.0.1:5099");
            assertThat(lines.get("200").getBoolean("registered")).isFalse();
            assertThat(r.body()).doesNotContainIgnoringCase("password");
            ConsoleClient supervisor = ConsoleClient.loggedIn(port, ConsoleClient.SUPERVISOR, ConsoleClient.SUPERVISOR_PASSWORD);
            assertThat(supervisor.get("/api/lines").statusCode()).isEqualTo(403);
        }

        @Test
        void afterLogoutTheSessionIsGone() throws Exception {
            ConsoleClient c = ConsoleClient.loggedIn(port, ConsoleClient.OPERATOR, ConsoleClient.OPERATOR_PASSWORD);
            assertThat(c.logout().statusCode()).isEqualTo(200);
            assertThat(c.get("/api/appeals").statusCode()).isEqualTo(401);
        }

        @Test
        void logoutItselfNeedsTheCsrfToken() throws Exception {
            ConsoleClient c = ConsoleClient.loggedIn(port, ConsoleClient.OPERATOR, ConsoleClient.OPERATOR_PASSWORD);
            HttpResponse<String> r = c.http().send(c.request("/api/session").DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(c.get("/api/session").statusCode()).isEqualTo(200);
        }

        @Test
        void aNewAppealIsPushedToALoggedInUsersEventStream() throws Exception {
            ConsoleClient c = ConsoleClient.loggedIn(port, ConsoleClient.OPERATOR, ConsoleClient.OPERATOR_PASSWORD);
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            var stream = c.http().sendAsync(c.request("/api/events").timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            HttpResponse<Stream<String>> response = stream.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("text/event-stream");
            Thread reader = new Thread(() -> response.body().forEach(lines::add));
            reader.setDaemon(true);
            reader.start();
            Thread.sleep(200);
            Appeal appeal = registerCall(server);
            String data = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (data == null && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.startsWith("data: ") && line.contains(appeal.number())) {
                    data = line.substring(6);
                }
            }
            assertThat(data).isNotNull();
            assertThat(new JsonObject(data).getString("kind")).isEqualTo("created");
            c.logout();
        }

        @Test
        void theRecordingIsServedWithByteRangesForSeeking() throws Exception {
            Path file = server.config().recording().directory().resolve("2026/11/26/range.wav");
            Files.createDirectories(file.getParent());
            Files.write(file, Wav.tone(8000, 1));
            Appeal appeal = registerCall(server, Optional.of("2026/11/26/range.wav"));
            ConsoleClient c = ConsoleClient.loggedIn(port, ConsoleClient.OPERATOR, ConsoleClient.OPERATOR_PASSWORD);
            HttpResponse<byte[]> whole = c.http().send(c.request("/api/appeals/" + appeal.number() + "/recording").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.headers().firstValue("content-type")).contains("audio/wav");
            assertThat(whole.body()).hasSize(44 + 16000);
            HttpResponse<byte[]> part = c.http().send(c.request("/api/appeals/" + appeal.number() + "/recording")
                    .header("range", "bytes=44-143").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.headers().firstValue("content-range")).contains("bytes 44-143/16044");
            assertThat(part.body()).hasSize(100);
        }

        @Test
        void aRecordingPathOutsideTheRecordingDirectoryIsNotServed() throws Exception {
            Appeal appeal = registerCall(server, Optional.of("../../../../../../etc/passwd"));
            ConsoleClient c = ConsoleClient.loggedIn(port, ConsoleClient.OPERATOR, ConsoleClient.OPERATOR_PASSWORD);
            HttpResponse<String> r = c.get("/api/appeals/" + appeal.number() + "/recording");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).doesNotContain("root:");
        }

        @Test
        void anUnknownApiPathIs404JsonForAnAdminAnd403ForAnOperator() throws Exception {
            ConsoleClient admin = ConsoleClient.loggedIn(port, ConsoleClient.ADMIN, ConsoleClient.ADMIN_PASSWORD);
            HttpResponse<String> r = admin.get("/api/no-such-thing");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(new JsonObject(r.body()).getString("error")).contains("/api/no-such-thing");
            ConsoleClient operator = ConsoleClient.loggedIn(port, ConsoleClient.OPERATOR, ConsoleClient.OPERATOR_PASSWORD);
            assertThat(operator.get("/api/no-such-thing").statusCode()).isEqualTo(403);
        }

        @Test
        void loginsAndFailuresAreCountedInTheMetrics() throws Exception {
            new ConsoleClient(port).login(ConsoleClient.ADMIN, "wrong");
            ConsoleClient.loggedIn(port, ConsoleClient.ADMIN, ConsoleClient.ADMIN_PASSWORD);
            assertThat(Http.get(port, "/metrics").body()).contains("vikno_console_logins_total")
                    .contains("vikno_console_login_failures_total").contains("vikno_console_login_lockouts_total");
        }

        @Test
        void aRingingCallIsPushedOnlyToTheUserOfThatLine() throws Exception {
            ConsoleClient operator = ConsoleClient.loggedIn(port, ConsoleClient.OPERATOR, ConsoleClient.OPERATOR_PASSWORD);
            ConsoleClient supervisor = ConsoleClient.loggedIn(port, ConsoleClient.SUPERVISOR, ConsoleClient.SUPERVISOR_PASSWORD);
            BlockingQueue<String> toOperator = events(operator);
            BlockingQueue<String> toSupervisor = events(supervisor);
            Thread.sleep(300);
            server.vertx().eventBus().publish(ConsoleAddresses.INCOMING_CALLS,
                    new IncomingCall("ring-1", "+380671234567", "200", "main>1", Instant.now()));
            assertThat(nextData(toOperator, "ring-1")).contains("\"caller\":\"+380671234567\"");
            assertThat(nextData(toSupervisor, "ring-1")).isNull();
            operator.logout();
            supervisor.logout();
        }

        @Test
        void anAppealChangeMadeElsewhereIsPushedLiveAndADeliveryReceiptToo() throws Exception {
            ConsoleClient operator = ConsoleClient.loggedIn(port, ConsoleClient.OPERATOR, ConsoleClient.OPERATOR_PASSWORD);
            BlockingQueue<String> toOperator = events(operator);
            Appeal appeal = registerCall(server);
            String of = "\"number\":\"" + appeal.number() + "\"";
            assertThat(nextData(toOperator, of + ",\"status\":\"registered\",\"action\":\"created\"")).isNotNull();
            // another node on the same Redis database: its own connection and service
            io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(SharedRedis.get().url().replace("/0", "/3"));
            try (var connection = client.connect()) {
                ua.vikno.appeals.AppealService elsewhere = new ua.vikno.appeals.AppealService(connection.async(), 3,
                        java.time.Clock.systemUTC(), java.time.ZoneId.of("Europe/Kyiv"), ua.vikno.appeals.AppealNotifier.none());
                await(elsewhere.comment(appeal.number(), "koval", "з іншого вузла"));
                assertThat(nextData(toOperator, of + ",\"status\":\"registered\",\"action\":\"comment\"")).isNotNull();
                await(elsewhere.recordSms(appeal.number(), new ua.vikno.appeals.SmsNote("sms-x", "registered", "текст",
                        "sent", Instant.now())));
                await(elsewhere.updateSmsStatus(appeal.number(), "sms-x", "delivered", Instant.now()));
                assertThat(nextData(toOperator, of + ",\"status\":\"registered\",\"action\":\"sms-status\""))
                        .isNotNull();
            } finally {
                client.shutdown();
            }
            operator.logout();
        }

        @Test
        void logoutEndsTheUsersEventStream() throws Exception {
            ConsoleClient c = ConsoleClient.loggedIn(port, ConsoleClient.OPERATOR, ConsoleClient.OPERATOR_PASSWORD);
            HttpResponse<Stream<String>> response = c.http().sendAsync(c.request("/api/events")
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
            java.util.concurrent.CompletableFuture<Long> ended = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> response.body().count());
            Thread.sleep(200);
            assertThat(ended).isNotDone();
            assertThat(c.logout().statusCode()).isEqualTo(200);
            assertThat(ended.get(5, TimeUnit.SECONDS)).isPositive();
        }

        BlockingQueue<String> events(ConsoleClient c) throws Exception {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            HttpResponse<Stream<String>> response = c.http().sendAsync(c.request("/api/events")
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            Thread reader = new Thread(() -> response.body().forEach(lines::add));
            reader.setDaemon(true);
            reader.start();
            return lines;
        }

        /** The next data line that mentions {@code text}, or null after 3 s. */
        String nextData(BlockingQueue<String> lines, String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith("data: ") && line.contains(text)) {
                    return line.substring(6);
                }
            }
            return null;
        }

        @Test
        void theEventStreamNeedsALogin() throws Exception {
            assertThat(Http.get(port, "/api/events").statusCode()).isEqualTo(401);
        }

        @Test
        void theConsoleIsServedAtTheRootWithAContentSecurityPolicy() throws Exception {
            HttpResponse<String> r = Http.get(port, "/");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).get().asString().startsWith("text/html");
            assertThat(r.headers().firstValue("content-security-policy")).get().asString().contains("default-src 'self'");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AfterRepeatedFailures {
        ViknoServer server;
        int port;

        @BeforeAll
        void start(@TempDir Path data) throws Exception {
            server = startNode(data, "4");
            port = server.httpPort();
        }

        @AfterAll
        void stop() throws Exception {
            await(server.stop());
        }

        @Test
        void theFifthFailureLocksTheLoginOutEvenForTheRightPasswordButNotOtherLogins() throws Exception {
            ConsoleClient c = new ConsoleClient(port);
            for (int i = 1; i <= 4; i++) {
                assertThat(c.login(ConsoleClient.OPERATOR, "guess-" + i).statusCode()).as("failure %d", i).isEqualTo(401);
            }
            HttpResponse<String> fifth = c.login(ConsoleClient.OPERATOR, "guess-5");
            assertThat(fifth.statusCode()).isEqualTo(429);
            assertThat(fifth.headers().firstValue("retry-after")).get().isEqualTo("900");
            HttpResponse<String> right = c.login(ConsoleClient.OPERATOR, ConsoleClient.OPERATOR_PASSWORD);
            assertThat(right.statusCode()).isEqualTo(429);
            assertThat(new JsonObject(right.body()).getLong("retryAfterSeconds")).isBetween(1L, 900L);
            assertThat(new ConsoleClient(port).login(ConsoleClient.SUPERVISOR, ConsoleClient.SUPERVISOR_PASSWORD)
                    .statusCode()).isEqualTo(200);
        }
    }
}
