package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import ua.vikno.config.ViknoConfig;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.RedisServer;
import ua.vikno.testkit.SharedRedis;

class ViknoServerTest {

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnTheSampleConfigurationWithARealRedis {
        ViknoServer server;

        @BeforeAll
        void start(@TempDir Path data) throws Exception {
            server = await(ViknoServer.start(TestConfigs.sample(
                    TestConfigs.environment(SharedRedis.get().url(), 0, data))));
        }

        @AfterAll
        void stop() throws Exception {
            await(server.stop());
        }

        @Test
        void reportsHealthyWithEveryComponentUp() throws Exception {
            HttpResponse<String> r = Http.await(server.httpPort(), "/health", x -> x.statusCode() == 200, Duration.ofSeconds(15));
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject health = new JsonObject(r.body());
            assertThat(health.getString("status")).isEqualTo("UP");
            assertThat(health.getJsonObject("components").getJsonObject("redis").getString("status")).isEqualTo("UP");
            assertThat(health.getJsonObject("components").getJsonObject("redis").getString("address"))
                    .isEqualTo("127.0.0.1:" + SharedRedis.get().port() + "/0");
            assertThat(health.getJsonObject("components").getJsonObject("http").getString("status")).isEqualTo("UP");
            assertThat(health.getJsonObject("components").getJsonObject("smpp").getString("smsc"))
                    .endsWith("(development simulator)");
        }

        @Test
        void servesPrometheusMetricsWithComponentAndJvmMeters() throws Exception {
            HttpResponse<String> r = Http.get(server.httpPort(), "/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).get().asString().startsWith("text/plain");
            assertThat(r.body()).contains("vikno_component_up{application=\"vikno\",component=\"redis\"} 1.0")
                    .contains("jvm_memory_used_bytes").contains("vertx_http_server_requests_total")
                    .contains("vikno_sip_auth_failures_total").contains("vikno_sip_auth_lockouts_total");
        }

        @Test
        void answersSipOptionsOnTheConfiguredPort() throws Exception {
            int port = server.config().network().sip().port();
            try (java.net.DatagramSocket udp = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                udp.setSoTimeout(5000);
                String options = "OPTIONS sip:vikno.local SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:" + udp.getLocalPort() + ";branch=z9hG4bK-health-1\r\n"
                        + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:vikno.local>\r\n"
                        + "Call-ID: health-probe-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
                byte[] bytes = options.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                udp.send(new java.net.DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
                java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[4096], 4096);
                udp.receive(reply);
                assertThat(new String(reply.getData(), 0, reply.getLength(), java.nio.charset.StandardCharsets.US_ASCII))
                        .startsWith("SIP/2.0 200");
            }
            JsonObject sip = new JsonObject(Http.get(server.httpPort(), "/health").body())
                    .getJsonObject("components").getJsonObject("sip");
            assertThat(sip.getString("status")).isEqualTo("UP");
            assertThat(sip.getString("listening")).contains("127.0.0.1:" + port);
        }

        @Test
        void saysWhetherTheCentreIsOpenAndTakesAManualClosureWithItsPrompt() throws Exception {
            JsonObject now = new JsonObject(Http.api(server.httpPort(), "/api/schedule").body());
            assertThat(now.getString("state")).isIn("open", "closed");
            assertThat(now.getString("timeZone")).isEqualTo("Europe/Kyiv");
            assertThat(now.getString("describe")).startsWith(now.getString("state"));

            String until = java.time.Instant.now().plusSeconds(3600).toString();
            HttpResponse<String> closed = Http.api(server.httpPort(), "PUT", "/api/schedule/override",
                    "{\"state\":\"closed\",\"prompt\":\"outage\",\"until\":\"" + until + "\",\"reason\":\"аварія\"}");
            assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
            JsonObject forced = new JsonObject(closed.body());
            assertThat(forced.getString("state")).isEqualTo("closed");
            assertThat(forced.getString("source")).isEqualTo("override");
            assertThat(forced.getString("prompt")).isEqualTo("outage");

            HttpResponse<String> bad = Http.api(server.httpPort(), "PUT", "/api/schedule/override",
                    "{\"state\":\"closed\",\"prompt\":\"outgae\",\"until\":\"" + until + "\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("must name a configured prompt");

            HttpResponse<String> cleared = Http.api(server.httpPort(), "DELETE", "/api/schedule/override", "");
            assertThat(new JsonObject(cleared.body()).getString("source")).isNotEqualTo("override");
        }

        @Test
        void servesTheAppealsJournal() throws Exception {
            ConsoleClient admin = ConsoleClient.loggedIn(server.httpPort(), ConsoleClient.ADMIN, ConsoleClient.ADMIN_PASSWORD);
            HttpResponse<String> r = admin.get("/api/appeals?limit=5");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(r.body()).getInteger("limit")).isEqualTo(5);
            assertThat(admin.get("/api/appeals/2026-999999").statusCode()).isEqualTo(404);
        }

        @Test
        void answersUnknownPathsWith404() throws Exception {
            assertThat(Http.get(server.httpPort(), "/no-such-page").statusCode()).isEqualTo(404);
        }

        @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1} with {2}")
        @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
                "PUT  | /api/schedule/override | {not json      | malformed JSON body",
                "PUT  | /api/schedule/override | []             | malformed JSON body",
                "PUT  | /api/schedule/plan     | {\"week\":     | malformed JSON body",
                "POST | /api/supervision       | nonsense       | malformed JSON body"})
        void answersAMalformedJsonBodyWith400AndSaysSo(String method, String path, String body, String says)
                throws Exception {
            HttpResponse<String> r = Http.api(server.httpPort(), method, path, body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains(says);
        }

        @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1} with a {2} KB body")
        @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
                "PUT  | /api/schedule/override | 40",
                "POST | /api/supervision       | 8"})
        void answersATooLargeBodyWith413InTheApisJsonShape(String method, String path, int kilobytes)
                throws Exception {
            HttpResponse<String> r = Http.api(server.httpPort(), method, path,
                    "{\"comment\": \"" + "x".repeat(kilobytes * 1024) + "\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
            assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("request body too large");
        }
    }

    @Nested
    class WhenRedisGoesAway {
        @Test
        void reportsRedisDownThenRecoversWhenRedisIsBack(@TempDir Path data) throws Exception {
            try (RedisServer redis = RedisServer.start()) {
                ViknoServer server = await(ViknoServer.start(TestConfigs.sample(
                        TestConfigs.environment(redis.url(), 0, data))));
                try {
                    int port = server.httpPort();

                    Http.await(port, "/health", r -> r.statusCode() == 200, Duration.ofSeconds(15));
                    redis.kill();
                    HttpResponse<String> down = Http.await(port, "/health", r -> r.statusCode() == 503, Duration.ofSeconds(10));
                    assertThat(down.statusCode()).isEqualTo(503);
                    JsonObject redisHealth = new JsonObject(down.body()).getJsonObject("components").getJsonObject("redis");
                    assertThat(redisHealth.getString("status")).isEqualTo("DOWN");
                    assertThat(redisHealth.getString("address")).isEqualTo("127.0.0.1:" + redis.port() + "/0");
                    assertThat(Http.get(port, "/metrics").body())
                            .contains("vikno_component_up{application=\"vikno\",component=\"redis\"} 0.0");

                    redis.startAgain();
                    // Lettuce reconnects with a back-off: generous on a slow machine
                    HttpResponse<String> up = Http.await(port, "/health", r -> r.statusCode() == 200, Duration.ofSeconds(60));
                    assertThat(up.statusCode()).isEqualTo(200);
                    assertThat(new JsonObject(up.body()).getString("status")).isEqualTo("UP");
                } finally {
                    await(server.stop());
                }
            }
        }
    }

    @Nested
    class WhenStartupCannotComplete {
        @Test
        void failsNamingTheRedisAddressWhenNothingListensThere(@TempDir Path data) throws Exception {
            int nothing = 1; // tcpmux: nothing listens there, and no other test can take it meanwhile
            ViknoConfig config = TestConfigs.sampleWith(
                    TestConfigs.environment("redis://127.0.0.1:" + nothing + "/0", 0, data),
                    "connect-timeout: 5s", "connect-timeout: 1s");
            assertThatThrownBy(() -> await(ViknoServer.start(config)))
                    .isInstanceOf(ExecutionException.class)
                    .cause().hasMessageContaining("cannot connect to Redis at 127.0.0.1:" + nothing + "/0")
                    .hasMessageContaining("Connection refused");
        }

        @Test
        void failsNamingTheAddressWhenTheHttpPortIsTaken(@TempDir Path data) throws Exception {
            try (ServerSocket taken = new ServerSocket()) {
                taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ViknoConfig config = TestConfigs.sample(
                        TestConfigs.environment(SharedRedis.get().url(), taken.getLocalPort(), data));
                assertThatThrownBy(() -> await(ViknoServer.start(config)))
                        .cause().hasMessageContaining("cannot listen for HTTP on 127.0.0.1:" + taken.getLocalPort());
            }
        }
    }

    @Nested
    class Stopping {
        @Test
        void releasesTheHttpPortAndCanBeRepeated(@TempDir Path data) throws Exception {
            int port = FreePorts.next();
            ViknoServer server = await(ViknoServer.start(TestConfigs.sample(
                    TestConfigs.environment(SharedRedis.get().url(), port, data))));
            assertThat(FreePorts.free(port)).isFalse();
            await(server.stop());
            await(server.stop());
            assertThat(FreePorts.free(port)).isTrue();
        }
    }
}
