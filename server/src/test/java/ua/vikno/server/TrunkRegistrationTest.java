package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import ua.vikno.config.ConfigLoader;
import ua.vikno.config.ViknoConfig;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.RedisServer;

/**
 * The sample's city trunk switched to register mode against SIPp as the provider's registrar (401, digest checked,
 * 2 s expiry): the node registers and shows it in /health, keeps refreshing, a resident's call that the provider
 * sends to our registration user reaches the hotline flow and becomes an appeal, and stopping the node
 * un-registers.
 */
class TrunkRegistrationTest {
    static final Path SCENARIOS = Path.of("src/test/sipp").toAbsolutePath();
    static final String RESIDENT = "+380501112233";

    RedisServer redis;
    ViknoServer server;
    Path data;
    int providerPort;
    int sipPort;
    CompletableFuture<SippRun> registrar;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        data = dir;
        redis = RedisServer.start();
        providerPort = FreePorts.next();
        Map<String, String> env = new HashMap<>(TestConfigs.environment(redis.url(), 0, dir));
        env.put("VIKNO_TRUNK_PORT", String.valueOf(providerPort));
        String text = Files.readString(TestConfigs.SAMPLE)
                .replace(LiveCallFixture.SAMPLE_RTP_RANGE, LiveCallFixture.rtpRangeOfThisJvm())
                .replace("    mode: static\n    host: ${VIKNO_TRUNK_HOST:-127.0.0.1}\n",
                        "    mode: register\n    register:\n      username: vikno-trunk\n      password: trunk-secret\n"
                                + "      expiry: 2s\n    host: ${VIKNO_TRUNK_HOST:-127.0.0.1}\n")
                // The provider calls from another port of its host than its registrar's.
                .replace("addresses: [\"${VIKNO_TRUNK_HOST:-127.0.0.1}:${VIKNO_TRUNK_PORT:-5070}\"]",
                        "addresses: [\"127.0.0.1\"]");
        assertThat(text).contains("mode: register").contains("addresses: [\"127.0.0.1\"]");
        ViknoConfig config = new ConfigLoader(env::get).parse(TestConfigs.SAMPLE, text);
        sipPort = config.network().sip().port();
        registrar = CompletableFuture.supplyAsync(
                () -> sipp("provider-registrar.xml", providerPort, List.of("-timeout", "40s")));
        Thread.sleep(300);
        server = await(ViknoServer.start(config));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            await(server.stop());
        }
        redis.close();
    }

    @Test
    void theNodeRegistersWithTheProviderAndItsCallsReachTheHotline() throws Exception {
        Http.await(server.httpPort(), "/health", r -> r.body().contains("\"city\":\"registered until"),
                Duration.ofSeconds(15));
        String until = java.time.Instant.now().plusSeconds(600).toString();
        assertThat(Http.api(server.httpPort(), "PUT", "/api/schedule/override",
                "{\"state\":\"open\",\"until\":\"" + until + "\",\"reason\":\"test\"}").statusCode()).isEqualTo(200);

        SippRun call = sipp("provider-call-to-registration.xml", FreePorts.next(),
                List.of("-set", "caller", RESIDENT, "-set", "user", "vikno-trunk", "-s", "+380444960000",
                        "-timeout", "15s"));

        assertThat(call.exitCode()).as("%s", call).isZero();
        JsonObject appeal = new JsonObject(Http.awaitApi(server.httpPort(), "/api/appeals?phone=%2B380501112233",
                r -> r.statusCode() == 200 && !new JsonObject(r.body()).getJsonArray("items").isEmpty(),
                Duration.ofSeconds(15)).body()).getJsonArray("items").getJsonObject(0);
        assertThat(appeal.getString("phone")).isEqualTo(RESIDENT);
        assertThat(Http.get(server.httpPort(), "/metrics").body())
                .containsPattern("vikno_sip_trunk_registered\\{[^}]*trunk=\"city\"[^}]*} 1\\.0");

        await(server.stop());
        server = null;
        SippRun provider = registrar.get(45, TimeUnit.SECONDS);
        assertThat(provider.exitCode()).as("the registrar saw the REGISTER with Expires: 0\n%s", provider).isZero();
    }

    record SippRun(int exitCode, String log) {
        @Override
        public String toString() {
            return "SIPp exit " + exitCode + "\n" + log;
        }
    }

    private SippRun sipp(String scenario, int port, List<String> extra) {
        try {
            Path dir = Files.createTempDirectory(data, "sipp-");
            List<String> command = new java.util.ArrayList<>(List.of("sipp", "127.0.0.1:" + sipPort,
                    "-sf", SCENARIOS.resolve(scenario).toString(), "-i", "127.0.0.1", "-mi", "127.0.0.1",
                    "-p", String.valueOf(port), "-mp", String.valueOf(FreePorts.sippMediaPorts()), "-t", "u1",
                    "-m", "1", "-timeout_error", "-recv_timeout", "10s", "-nostdin",
                    "-trace_err", "-error_file", dir.resolve("errors.log").toString()));
            command.addAll(extra);
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("screen.log").toFile()).start();
            if (!p.waitFor(45, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new SippRun(-1, read(dir.resolve("errors.log")));
            }
            return new SippRun(p.exitValue(), read(dir.resolve("errors.log")) + read(dir.resolve("screen.log")));
        } catch (Exception e) {
            throw new IllegalStateException("cannot run sipp", e);
        }
    }

    private static String read(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }


    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
