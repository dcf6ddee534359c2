package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

import ua.vikno.appeals.Appeal;
import ua.vikno.appeals.AppealKind;
import ua.vikno.appeals.CompletedCall;
import ua.vikno.sms.simulator.ReceivedSms;
import ua.vikno.testkit.Baresip;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.Tones;

/**
 * The web console in Debian's headless Chromium, driven by Playwright ({@code src/test/browser/console.test.mjs}),
 * against the whole node with real SIP phones (baresip): a resident on the trunk, operator 200 (Olena Shevchenko,
 * who answers by hand) and supervisor 105 (Iryna Koval, who answers at once), with a Redis and an SMSC of the
 * test's own. The script asks this test on its stdout for what the phones do ({@code vikno:resident-calls},
 * {@code vikno:operator-answers}, {@code vikno:supervisor-hangs-up}, {@code vikno:resident-hangs-up},
 * {@code vikno:resident-queues}) and gets an
 * answer on its stdin; screenshots go to {@code target/screenshots/}. Skipped when Chromium or the script's
 * packages are missing, unless {@code VIKNO_BROWSER_TESTS=required} (as {@code scripts/test} sets).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
    static final Path BROWSER_DIR = Path.of("src/test/browser").toAbsolutePath();
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(180);

    LiveCallFixture live;
    ViknoServer server;
    Baresip resident;
    Baresip operator;
    Baresip supervisor;
    Appeal earlier;
    Path audio;

    static <T> T await(io.vertx.core.Future<T> f) throws Exception {
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
        live = LiveCallFixture.start(data);
        server = live.server;
        Http.await(server.httpPort(), "/health", r -> r.statusCode() == 200, Duration.ofSeconds(15));
        seed();
        int port = FreePorts.next();
        FreePorts.next(); // baresip binds SIP/TLS on its port + 1
        operator = Baresip.start(port, "<sip:200@" + live.registrar() + ">;auth_pass=op-200-dev-only;answermode=manual;"
                + "regint=300;audio_codecs=PCMU,PCMA;ptime=20",
                Tones.write(data.resolve("line-200.wav"), LiveCallFixture.OPERATOR_HZ, 120));
        live.await(() -> live.redis.command("EXISTS", "vikno:location:sip:200@vikno.local").equals(":1"),
                Duration.ofSeconds(15), "line 200 registered");
        supervisor = live.line("105", "sup-105-dev-only", LiveCallFixture.SUPERVISOR_HZ);
        resident = live.resident();
        audio = Files.createDirectories(data.resolve("uploads"));
        sox(audio.resolve("привітання.mp3"), 5);
        sox(audio.resolve("too-long.ogg"), 20);
        Files.writeString(audio.resolve("not-audio.mp3"), "це не звук");
    }

    /** A 44.1 kHz stereo recording of {@code seconds}, as an administrator's audio editor would save it. */
    private static void sox(Path file, int seconds) throws Exception {
        Process p = new ProcessBuilder("sox", "-n", "-r", "44100", "-c", "2", file.toString(), "synth",
                String.valueOf(seconds), "sine", "500", "vol", "0.3").redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as("sox made %s: %s", file, new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isTrue();
    }

    @AfterAll
    void stop() throws Exception {
        if (operator != null) {
            operator.close();
            operator.delete();
        }
        if (live != null) {
            live.close();
        }
    }

    /** Earlier calls: the resident's own answered one, a missed one and a voicemail, in two departments. */
    private void seed() throws Exception {
        Instant now = Instant.now();
        earlier = register(call("seed-1", LiveCallFixture.RESIDENT, now.minusSeconds(3600), AppealKind.ANSWERED, "water",
                "210", List.of("Водопостачання", "Гаряча вода")));
        register(call("seed-2", "+380502223344", now.minusSeconds(3000), AppealKind.MISSED, "electricity", null,
                List.of("Електропостачання")));
        register(call("seed-3", "+380633334455", now.minusSeconds(2400), AppealKind.VOICEMAIL, "water", null,
                List.of("Водопостачання")));
    }

    private Appeal register(CompletedCall call) throws Exception {
        return await(server.appeals().registerCall(call));
    }

    private static CompletedCall call(String id, String phone, Instant ended, AppealKind kind, String department,
                                      String operator, List<String> category) {
        boolean answered = kind == AppealKind.ANSWERED;
        return new CompletedCall(id, phone, "+380444960000", ended.minusSeconds(90),
                answered ? Optional.of(ended.minusSeconds(60)) : Optional.empty(), ended, "main>1",
                category, Optional.of(department), Optional.ofNullable(operator), Duration.ofSeconds(12),
                answered ? Duration.ofSeconds(60) : Duration.ZERO, Optional.empty(), "normal", kind);
    }

    /** Does what the script asks of the phones; returns the answer line. */
    private String act(String request) throws Exception {
        switch (request) {
            case "vikno:resident-calls" -> {
                // The hotline's greeting, then 2-0-0 in the main menu dials Olena's line directly.
                resident.command("/dial sip:+380444960000@" + live.registrar());
                live.await(() -> LiveCallFixture.established(resident), Duration.ofSeconds(15), "the hotline answered");
                Thread.sleep(8500);
                for (String digit : List.of("2", "0", "0")) {
                    resident.command(digit);
                    Thread.sleep(400);
                }
                return "dialled 200";
            }
            case "vikno:operator-answers" -> {
                live.await(() -> operator.log().toLowerCase().contains("incoming call"), Duration.ofSeconds(15),
                        "line 200 rang");
                operator.command("/accept");
                live.await(() -> LiveCallFixture.established(operator), Duration.ofSeconds(10), "line 200 answered");
                return "answered";
            }
            case "vikno:resident-queues" -> {
                // The supervisor's phone goes away, so that only line 200, which does not answer, is offered the caller.
                supervisor.close();
                resident.command("/dial sip:+380444960000@" + live.registrar());
                live.await(() -> resident.log().toLowerCase().split("established", -1).length > 2,
                        Duration.ofSeconds(15), "the hotline answered again");
                Thread.sleep(8500);
                resident.command("0"); // the operator: queue:dispatch
                return "queued";
            }
            case "vikno:supervisor-hangs-up" -> {
                supervisor.command("/hangup");
                Thread.sleep(1200); // the server sees the BYE and frees line 105
                return "hung up";
            }
            case "vikno:resident-hangs-up" -> {
                resident.command("/hangup");
                return "hung up";
            }
            default -> {
                return "unknown request " + request;
            }
        }
    }

    @Test
    void operatorsAndSupervisorsWorkThroughARealCallInARealBrowser() throws Exception {
        Path screenshots = Path.of("target/screenshots").toAbsolutePath();
        Files.createDirectories(screenshots);
        ProcessBuilder pb = new ProcessBuilder("node", BROWSER_DIR.resolve("console.test.mjs").toString())
                .directory(BROWSER_DIR.toFile()).redirectErrorStream(true);
        pb.environment().put("VIKNO_URL", "http://127.0.0.1:" + server.httpPort());
        pb.environment().put("VIKNO_SCREENSHOTS", screenshots.toString());
        pb.environment().put("VIKNO_RESIDENT", LiveCallFixture.RESIDENT);
        pb.environment().put("VIKNO_EARLIER_APPEAL", earlier.number());
        pb.environment().put("VIKNO_AUDIO", audio.toString());
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
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.startsWith("vikno:report ")) {
                    String[] kv = line.substring("vikno:report ".length()).split(" ", 2);
                    reported.put(kv[0], kv.length > 1 ? kv[1] : "");
                } else if (line.startsWith("vikno:")) {
                    String answer;
                    try {
                        answer = act(line.trim());
                    } catch (AssertionError | Exception e) {
                        output.add("the phones could not do " + line + ": " + e.getMessage());
                        answer = "failed " + e.getMessage().lines().findFirst().orElse("");
                    }
                    in.write(answer + "\n");
                    in.flush();
                }
            }
        }
        int exit = node.waitFor();
        output.stream().filter(l -> l.startsWith("step:") || l.startsWith("recording ")).forEach(System.out::println);
        assertThat(exit).as("the Playwright script failed:\n%s", String.join("\n", output)).isZero();
        assertThat(reported).as("the script's reports:\n%s", String.join("\n", output))
                .containsKeys("status-changed", "personal-sms");

        String number = reported.get("status-changed");
        String phone = reported.get("status-phone");
        assertThat(phone).isEqualTo(LiveCallFixture.RESIDENT);
        AppealSmsTest.eventually(() -> assertThat(live.smsc.received()).filteredOn(m -> m.destination().equals(phone))
                .extracting(ReceivedSms::text)
                .contains("Звернення №" + number + " взято в роботу"));
        String personal = reported.get("personal-sms");
        AppealSmsTest.eventually(() -> assertThat(live.smsc.received()).extracting(ReceivedSms::text).contains(personal));
        for (String shot : List.of("incoming-call", "board", "journal", "card", "statistics", "schedule", "prompts",
                "journal-phone", "board-phone", "card-phone")) {
            assertThat(screenshots.resolve(shot + ".png")).exists();
        }
    }
}
