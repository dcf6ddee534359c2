package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Future;
import ua.vikno.config.ViknoConfig;
import ua.vikno.testkit.Baresip;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.RedisServer;
import ua.vikno.testkit.Tones;

/**
 * Lines calling the city through the sample's trunk, with real parts: the server on the sample configuration,
 * baresip softphones on lines 105 (may dial out) and 200 (may not, except to emergency numbers), and SIPp as the
 * provider echoing RTP.
 */
class TrunkDialOutTest {
    static final Path SCENARIOS = Path.of("src/test/sipp").toAbsolutePath();
    static final double LINE_HZ = 440;

    RedisServer redis;
    ViknoServer server;
    Baresip line;
    Path data;
    int trunkPort;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        data = dir;
        redis = RedisServer.start();
        trunkPort = FreePorts.next();
        Map<String, String> env = new java.util.HashMap<>(TestConfigs.environment(redis.url(), 0, dir));
        env.put("VIKNO_TRUNK_PORT", String.valueOf(trunkPort));
        ViknoConfig config = TestConfigs.sampleWith(env, LiveCallFixture.SAMPLE_RTP_RANGE,
                LiveCallFixture.rtpRangeOfThisJvm());
        server = await(ViknoServer.start(config));
    }

    @AfterEach
    void stop() throws Exception {
        if (line != null) {
            line.close();
        }
        await(server.stop());
        redis.close();
    }

    @Test
    void aLineWithDialOutCallsACityNumberTheProviderSeesTheHotlineNumberAndTheLineHearsTheFarEnd() throws Exception {
        CompletableFuture<SippRun> provider = CompletableFuture.supplyAsync(() -> provider("provider-echo.xml"));
        line = register("105", "sup-105-dev-only");
        Thread.sleep(300);

        line.command("/dial sip:0441234567@127.0.0.1:" + sipPort());
        awaitTrue(() -> line.log().toLowerCase().contains("established"), Duration.ofSeconds(15), "the city answered");
        Thread.sleep(3000); // the line speaks; the provider echoes it back
        line.command("/hangup");
        SippRun seen = provider.get(40, TimeUnit.SECONDS);
        line.close();

        assertThat(seen.exitCode()).as("%s", seen).isZero();
        String invite = seen.messages().substring(seen.messages().indexOf("INVITE sip:0441234567@"));
        assertThat(invite).contains("From: <sip:+380444960000@127.0.0.1>")
                .contains("P-Asserted-Identity: <sip:+380444960000@127.0.0.1>");
        int frames = 0;
        for (Path dump : line.heard()) {
            frames += Tones.framesWithTone(Tones.read(dump), LINE_HZ);
        }
        assertThat(frames).as("the line hears its own voice echoed by the far end").isGreaterThan(50);
    }

    @Test
    void theLineHearsTheProvidersEarlyMediaWhileItRingsAndGivesUpWithCancel() throws Exception {
        CompletableFuture<SippRun> provider = CompletableFuture.supplyAsync(() -> provider("provider-early-media.xml"));
        line = register("105", "sup-105-dev-only");
        Thread.sleep(300);

        line.command("/dial sip:0441234567@127.0.0.1:" + sipPort());
        Thread.sleep(4000); // the provider's network plays (here: echoes the line) before any answer
        line.command("/hangup");
        SippRun seen = provider.get(40, TimeUnit.SECONDS);
        line.close();

        // The provider's scenario never answers: it ends only by the line's CANCEL (200, then 487).
        assertThat(seen.exitCode()).as("%s", seen).isZero();
        assertThat(seen.messages()).contains("CANCEL sip:0441234567@");
        int frames = 0;
        for (Path dump : line.heard()) {
            frames += Tones.framesWithTone(Tones.read(dump), LINE_HZ);
        }
        assertThat(frames).as("the line hears the far end's early media before any answer").isGreaterThan(50);
    }

    @Test
    void aLineWithoutDialOutIsRefusedAndTheProviderReceivesNothing() throws Exception {
        try (DatagramSocket provider = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                trunkPort))) {
            provider.setSoTimeout(200);
            line = register("200", "op-200-dev-only");

            line.command("/dial sip:0441234567@127.0.0.1:" + sipPort());
            awaitTrue(() -> line.log().contains("403"), Duration.ofSeconds(10), "the line heard 403 Forbidden");

            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            try {
                provider.receive(packet);
                throw new AssertionError("the provider received: "
                        + new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
            } catch (SocketTimeoutException expected) {
                // nothing left for the provider
            }
        }
    }

    @Test
    void aLineWithoutDialOutStillReachesTheProviderWithTheEmergencyNumber112() throws Exception {
        CompletableFuture<SippRun> provider = CompletableFuture.supplyAsync(() -> provider("provider-echo.xml"));
        line = register("200", "op-200-dev-only");
        Thread.sleep(300);

        line.command("/dial sip:112@127.0.0.1:" + sipPort());
        awaitTrue(() -> line.log().toLowerCase().contains("established"), Duration.ofSeconds(15),
                "the emergency service answered");
        line.command("/hangup");
        SippRun seen = provider.get(40, TimeUnit.SECONDS);

        assertThat(seen.exitCode()).as("%s", seen).isZero();
        String invite = seen.messages().substring(seen.messages().indexOf("INVITE sip:112@"));
        assertThat(invite).contains("P-Asserted-Identity: <sip:+380444960000@127.0.0.1>");
    }

    private int sipPort() {
        return server.config().network().sip().port();
    }

    private Baresip register(String extension, String password) throws Exception {
        int port = FreePorts.next();
        FreePorts.next(); // baresip binds SIP/TLS on its port + 1
        Path tone = Tones.write(data.resolve("line-" + extension + ".wav"), LINE_HZ, 60);
        Baresip phone = Baresip.start(port, "<sip:" + extension + "@127.0.0.1:" + sipPort() + ">;auth_pass=" + password
                + ";regint=300;audio_codecs=PCMU,PCMA;ptime=20", tone);
        awaitTrue(() -> redis.command("EXISTS", "vikno:location:sip:" + extension + "@vikno.local").equals(":1"),
                Duration.ofSeconds(15), "line " + extension + " registered");
        return phone;
    }

    record SippRun(int exitCode, String messages) {
        @Override
        public String toString() {
            return "SIPp exit " + exitCode + "\n" + messages;
        }
    }

    /** SIPp as the city provider on the trunk's port for one call, echoing its RTP. */
    private SippRun provider(String scenario) {
        try {
            Path dir = Files.createTempDirectory(data, "provider-");
            Path messages = dir.resolve("messages.log");
            List<String> command = List.of("sipp", "-sf", SCENARIOS.resolve(scenario).toString(),
                    "-i", "127.0.0.1", "-mi", "127.0.0.1", "-p", String.valueOf(trunkPort),
                    "-mp", String.valueOf(FreePorts.sippMediaPorts()), "-rtp_echo", "-t", "u1", "-m", "1",
                    "-timeout", "30s", "-timeout_error", "-nostdin", "-trace_msg", "-message_file", messages.toString(),
                    "-trace_err", "-error_file", dir.resolve("errors.log").toString());
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("screen.log").toFile()).start();
            if (!p.waitFor(40, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new SippRun(-1, read(messages) + read(dir.resolve("errors.log")));
            }
            return new SippRun(p.exitValue(), read(messages) + read(dir.resolve("errors.log")));
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

    void awaitTrue(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " within " + timeout + "\n--- line ---\n"
                        + (line == null ? "" : line.log()));
            }
            Thread.sleep(100);
        }
    }
}
