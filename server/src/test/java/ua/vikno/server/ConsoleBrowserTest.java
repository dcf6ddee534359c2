package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import ua.vikno.appeals.Appeal;
import ua.vikno.appeals.AppealKind;
import ua.vikno.appeals.CompletedCall;
import ua.vikno.config.ViknoConfig;
import ua.vikno.server.console.ConsoleAddresses;
import ua.vikno.server.console.IncomingCall;
import ua.vikno.sms.simulator.ReceivedSms;
import ua.vikno.sms.simulator.SmscSimulator;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.RedisServer;

/**
 * The web console in Debian's headless Chromium, driven by Playwright ({@code src/test/browser/console.test.mjs}),
 * against the whole node with a Redis and an SMSC of the test's own. The script asks this test for a new appeal
 * on its stdout ({@code vikno:create-appeal}) and gets the number back on its stdin, and for a ringing call
 * ({@code vikno:incoming-call CALLER LINE}, published as the call engine will); screenshots go to
 * {@code target/screenshots/}. Skipped when Chromium or the script's packages are missing, unless
 * {@code VIKNO_BROWSER_TESTS=required} (as {@code scripts/test} sets).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
    static final Path BROWSER_DIR = Path.of("src/test/browser").toAbsolutePath();
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(150);

    final Vertx smscVertx = Vertx.vertx();
    RedisServer redis;
    SmscSimulator smsc;
    ViknoServer server;
    Path recordings;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        boolean required = "required".equals(System.getenv("VIKNO_BROWSER_TESTS"));
        boolean ready = Files.isExecutable(CHROMIUM) && Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core"));
        if (!ready && required) {
            throw new AssertionError("browser tests are required but " + CHROMIUM + " or " + BROWSER_DIR
                    + "/node_modules is missing (scripts/test installs both)");
        }
        Assumptions.assumeTrue(ready, "no Chromium or no `npm ci` in src/test/browser: browser tests skipped");
        redis = RedisServer.start();
        Map<String, String> env = new HashMap<>(TestConfigs.environment(redis.url(), 0, data));
        env.put("VIKNO_SMSC_SIMULATOR", "false");
        ViknoConfig config = TestConfigs.sample(env);
        smsc = SmscSimulator.fromConfig(smscVertx, config.sms(), Clock.systemUTC());
        await(smsc.start());
        server = await(ViknoServer.start(config));
        recordings = config.recording().directory();
        Http.await(server.httpPort(), "/health", r -> r.statusCode() == 200, Duration.ofSeconds(15));
        seed();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            await(server.stop());
        }
        if (smsc != null) {
            await(smsc.stop());
        }
        smscVertx.close();
        if (redis != null) {
            redis.close();
        }
    }

    /** Earlier calls: answered with a 3-second recording, missed and a voicemail, in two departments. */
    private void seed() throws Exception {
        Path wav = recordings.resolve("2026/11/26/seed-1.wav");
        Files.createDirectories(wav.getParent());
        Files.write(wav, Wav.tone(8000, 3));
        Instant now = Instant.now();
        register(call("seed-1", "+380671112233", now.minusSeconds(3600), AppealKind.ANSWERED, "water", "200",
                Optional.of("2026/11/26/seed-1.wav"), List.of("Водопостачання", "Гаряча вода")));
        register(call("seed-2", "+380502223344", now.minusSeconds(3000), AppealKind.MISSED, "electricity", null,
                Optional.empty(), List.of("Електропостачання")));
        register(call("seed-3", "+380633334455", now.minusSeconds(2400), AppealKind.VOICEMAIL, "water", null,
                Optional.empty(), List.of("Водопостачання")));
    }

    private Appeal register(CompletedCall call) throws Exception {
        return await(server.appeals().registerCall(call));
    }

    private static CompletedCall call(String id, String phone, Instant ended, AppealKind kind, String department,
                                      String operator, Optional<String> recording, List<String> category) {
        boolean answered = kind == AppealKind.ANSWERED;
        return new CompletedCall(id, phone, "+380444960000", ended.minusSeconds(90),
                answered ? Optional.of(ended.minusSeconds(60)) : Optional.empty(), ended, "main>1",
                category, Optional.of(department), Optional.ofNullable(operator), Duration.ofSeconds(12),
                answered ? Duration.ofSeconds(60) : Duration.ZERO, recording, "normal", kind);
    }

    @Test
    void theConsoleWorksEndToEndInARealBrowser() throws Exception {
        Path screenshots = Path.of("target/screenshots").toAbsolutePath();
        Files.createDirectories(screenshots);
        ProcessBuilder pb = new ProcessBuilder("node", BROWSER_DIR.resolve("console.test.mjs").toString())
                .directory(BROWSER_DIR.toFile()).redirectErrorStream(true);
        pb.environment().put("VIKNO_URL", "http://127.0.0.1:" + server.httpPort());
        pb.environment().put("VIKNO_SCREENSHOTS", screenshots.toString());
        pb.environment().put("CHROMIUM", CHROMIUM.toString());
        Process node = pb.start();
        List<String> output = new ArrayList<>();
        Map<String, String> reported = new HashMap<>();
        Thread watchdog = new Thread(() -> {
            try {
                if (!node.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            } catch (InterruptedException e) {
                node.destroyForcibly();
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
            String line;
            int created = 0;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.equals("vikno:create-appeal")) {
                    created++;
                    Appeal appeal = register(call("live-" + created + "-" + System.nanoTime(), "+38097555000" + created,
                            Instant.now(), AppealKind.ANSWERED, "water", "200", Optional.empty(),
                            List.of("Водопостачання", "Холодна вода")));
                    in.write("appeal " + appeal.number() + "\n");
                    in.flush();
                } else if (line.startsWith("vikno:incoming-call ")) {
                    String[] words = line.split(" ");
                    server.vertx().eventBus().publish(ConsoleAddresses.INCOMING_CALLS,
                            new IncomingCall("ringing-" + System.nanoTime(), words[1], words[2], "main>1", Instant.now()));
                    in.write("published\n");
                    in.flush();
                } else if (line.startsWith("vikno:report ")) {
                    String[] kv = line.substring("vikno:report ".length()).split(" ", 2);
                    reported.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
        }
        int exit = node.waitFor();
        assertThat(exit).as("the Playwright script failed:\n%s", String.join("\n", output)).isZero();
        assertThat(reported).as("the script's reports:\n%s", String.join("\n", output))
                .containsKeys("status-changed", "personal-sms");

        String number = reported.get("status-changed");
        String phone = reported.get("status-phone");
        AppealSmsTest.eventually(() -> assertThat(smsc.received()).filteredOn(m -> m.destination().equals(phone))
                .extracting(ReceivedSms::text)
                .anyMatch(text -> text.equals("Звернення №" + number + " взято в роботу")));
        String personal = reported.get("personal-sms");
        AppealSmsTest.eventually(() -> assertThat(smsc.received()).extracting(ReceivedSms::text).contains(personal));
        assertThat(screenshots.resolve("journal.png")).exists();
        assertThat(screenshots.resolve("card.png")).exists();
        assertThat(screenshots.resolve("statistics.png")).exists();
    }

    /** A PCM WAV tone, for a recording the browser can load. */
    static final class Wav {
        private Wav() {
        }

        static byte[] tone(int rate, int seconds) throws IOException {
            int samples = rate * seconds;
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + samples * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                    .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                    .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                    .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
            for (int i = 0; i < samples; i++) {
                b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate)));
            }
            out.write(b.array());
            return out.toByteArray();
        }
    }
}
