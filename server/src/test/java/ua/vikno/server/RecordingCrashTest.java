package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.vikno.server.LiveCallFixture.OPERATOR_HZ;
import static ua.vikno.server.LiveCallFixture.RESIDENT_HZ;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ua.vikno.testkit.Baresip;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.RedisServer;
import ua.vikno.testkit.Tones;

/**
 * A crash mid-call, for real: Vikno runs as its own JVM (as {@code scripts/run} starts it), a resident talks to
 * operator 210 through it, and the process is killed with SIGKILL while the call is bridged. The WAV it leaves is
 * repaired by the next start and converted into a playable stereo MP3 with the right channels.
 */
class RecordingCrashTest {
    RedisServer redis;
    Path config;
    Process vikno;
    final List<String> output = new CopyOnWriteArrayList<>();
    Baresip operator;
    Baresip resident;

    @AfterEach
    void stop() throws Exception {
        if (resident != null) {
            resident.close();
        }
        if (operator != null) {
            operator.close();
        }
        if (vikno != null && vikno.isAlive()) {
            vikno.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (redis != null) {
            redis.close();
        }
        if (config != null) {
            Files.deleteIfExists(config);
        }
    }

    @Test
    void aServerKilledMidCallLeavesAWavThatTheNextStartRepairsAndConverts(@TempDir Path data) throws Exception {
        redis = RedisServer.start();
        int http = FreePorts.next();
        int trunkPort = FreePorts.next();
        FreePorts.next(); // baresip binds SIP/TLS on its port + 1
        Map<String, String> env = new HashMap<>(TestConfigs.environment(redis.url(), http, data));
        env.put("VIKNO_TRUNK_PORT", String.valueOf(trunkPort));
        int sip = Integer.parseInt(env.get("VIKNO_SIP_PORT"));
        // The sample beside itself (its prompts are relative to it), with an RTP range of this test's own.
        config = TestConfigs.SAMPLE.resolveSibling("crash-test-" + ProcessHandle.current().pid() + ".yaml");
        Files.writeString(config, Files.readString(TestConfigs.SAMPLE).replace(LiveCallFixture.SAMPLE_RTP_RANGE,
                LiveCallFixture.rtpRangeOfThisJvm()));

        startVikno(env);
        String until = Instant.now().plusSeconds(600).toString();
        assertThat(Http.api(http, "PUT", "/api/schedule/override",
                "{\"state\":\"open\",\"until\":\"" + until + "\",\"reason\":\"test\"}").statusCode()).isEqualTo(200);

        String registrar = "127.0.0.1:" + sip;
        int operatorPort = FreePorts.next();
        FreePorts.next();
        operator = Baresip.start(operatorPort, "<sip:210@" + registrar + ">;auth_pass=op-210-dev-only;answermode=auto;"
                + "regint=300;audio_codecs=PCMU,PCMA;ptime=20", Tones.write(data.resolve("operator.wav"), OPERATOR_HZ, 90));
        await(() -> redis.command("EXISTS", "vikno:location:sip:210@vikno.local").equals(":1"), Duration.ofSeconds(15),
                "line 210 registered");
        resident = Baresip.start(trunkPort, "<sip:" + LiveCallFixture.RESIDENT + "@127.0.0.1>;regint=0;"
                + "audio_codecs=PCMA,PCMU;ptime=20", Tones.write(data.resolve("resident.wav"), RESIDENT_HZ, 90));
        Thread.sleep(500);
        resident.command("/dial sip:+380444960000@" + registrar);
        await(() -> LiveCallFixture.established(resident), Duration.ofSeconds(15), "the hotline answered");
        Thread.sleep(10500); // the greeting
        resident.command("1");
        Thread.sleep(3500);
        resident.command("2");
        await(() -> LiveCallFixture.established(operator), Duration.ofSeconds(20), "operator 210 answered");
        long bridged = System.nanoTime();
        Thread.sleep(6000);

        vikno.destroyForcibly(); // SIGKILL: no shutdown hook, no header rewrite, no conversion
        assertThat(vikno.waitFor(10, TimeUnit.SECONDS)).isTrue();
        double talked = (System.nanoTime() - bridged) / 1e9;
        assertThat(vikno.exitValue()).isEqualTo(137);
        resident.close();
        operator.close();

        Path recordings = data.resolve("recordings");
        List<Path> left;
        try (Stream<Path> files = Files.walk(recordings)) {
            left = files.filter(p -> p.getFileName().toString().endsWith(".recording.wav")).toList();
        }
        assertThat(left).as("the crash left the call's WAV").hasSize(1);
        Path wav = left.get(0);
        String callId = wav.getFileName().toString().replace(".recording.wav", "");
        assertThat(state(callId)).as("its metadata, written when the tap started").isEqualTo("recording");

        startVikno(env);
        Path mp3 = wav.resolveSibling(callId + ".mp3");
        await(() -> Files.isRegularFile(mp3) && !Files.exists(wav), Duration.ofSeconds(30),
                "the repaired WAV converted to " + mp3);
        await(() -> state(callId).equals("stored"),
                Duration.ofSeconds(10), "the recording's metadata stored");
        assertThat(output).anySatisfy(l -> assertThat(l).contains("repaired and queued for conversion"));

        StereoRecording audio = StereoRecording.decode(mp3);
        // What the writer had not flushed when the process died (at most about a second) is lost.
        assertThat(audio.seconds()).as("the recording covers the call up to the crash")
                .isBetween(talked - 1.5, talked + 0.5);
        assertThat(audio.power(true, RESIDENT_HZ)).as("440 Hz dominates the left channel")
                .isGreaterThan(100 * audio.power(true, OPERATOR_HZ));
        assertThat(audio.power(false, OPERATOR_HZ)).as("1000 Hz dominates the right channel")
                .isGreaterThan(100 * audio.power(false, RESIDENT_HZ));

        vikno.destroy(); // SIGTERM: this one stops cleanly
        assertThat(vikno.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    /** The recording's state in its Redis metadata hash. */
    private String state(String callId) {
        // A status reply comes back on one line, which is all RedisServer.command reads.
        String reply = redis.command("EVAL", "return {ok = redis.call('HGET', KEYS[1], 'state') or 'none'}", "1",
                "vikno:{rec}:rec:" + callId);
        return reply.startsWith("+") ? reply.substring(1) : reply;
    }

    private void startVikno(Map<String, String> env) throws Exception {
        output.clear();
        vikno = MainProcessTest.vikno(env, "--config", config.toString()).redirectErrorStream(true).start();
        Process p = vikno;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                }
            } catch (java.io.IOException e) {
                // the process is gone
            }
        }, "vikno-output");
        reader.setDaemon(true);
        reader.start();
        await(() -> output.stream().anyMatch(l -> l.startsWith("Vikno ready in")) || !p.isAlive(),
                Duration.ofSeconds(60), "Vikno ready");
        assertThat(p.isAlive()).as(String.join("\n", output)).isTrue();
    }

    private void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " within " + timeout
                        + "\n--- vikno ---\n" + String.join("\n", output)
                        + "\n--- resident ---\n" + (resident == null ? "" : resident.log())
                        + "\n--- operator 210 ---\n" + (operator == null ? "" : operator.log()));
            }
            Thread.sleep(100);
        }
    }
}
