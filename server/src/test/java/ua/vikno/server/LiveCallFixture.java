package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import ua.vikno.config.ViknoConfig;
import ua.vikno.sms.simulator.SmscSimulator;
import ua.vikno.testkit.Baresip;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.RedisServer;
import ua.vikno.testkit.Tones;

/**
 * A running Vikno on the sample configuration (forced open) with baresip softphones, as ResidentCallTest uses
 * them: a resident through the trunk sending 440 Hz, lines registering with their own tones, and the steps that
 * bring the resident to the water department's operator 210.
 */
final class LiveCallFixture implements AutoCloseable {
    static final String RESIDENT = "+380671234567";
    static final double RESIDENT_HZ = 440;
    static final double OPERATOR_HZ = 1000;
    static final double SUPERVISOR_HZ = 700;

    final RedisServer redis;
    final Vertx smscVertx = Vertx.vertx();
    final SmscSimulator smsc;
    /** The node; {@link #restartServer()} replaces it. */
    volatile ViknoServer server;
    private final ViknoConfig config;
    final Path data;
    final int trunkPort;
    private final Map<String, Baresip> phones = new LinkedHashMap<>();

    static final String SAMPLE_RTP_RANGE = "port-min: 10000\n    port-max: 20000";

    /**
     * An RTP range for this test JVM: other tests and benchmarks on the machine run the sample's 10000-20000 from
     * its bottom, FreePorts hands out 20000 and up, and the kernel's ephemeral ports (32768 and up) are taken by
     * any client socket. The top of the sample's range, split by process, is left.
     */
    static String rtpRangeOfThisJvm() {
        int from = 16000 + (int) (ProcessHandle.current().pid() % 20) * 200;
        return "port-min: " + from + "\n    port-max: " + (from + 199);
    }

    private LiveCallFixture(Path data, Map<String, String> extraEnv, Map<String, String> sampleEdits) throws Exception {
        this.data = data;
        redis = RedisServer.start();
        trunkPort = FreePorts.next();
        FreePorts.next(); // baresip binds SIP/TLS on its port + 1
        Map<String, String> env = new HashMap<>(TestConfigs.environment(redis.url(), 0, data));
        env.put("VIKNO_SMSC_SIMULATOR", "false");
        env.put("VIKNO_TRUNK_PORT", String.valueOf(trunkPort));
        env.putAll(extraEnv);
        Map<String, String> edits = new LinkedHashMap<>(sampleEdits);
        edits.put(SAMPLE_RTP_RANGE, rtpRangeOfThisJvm());
        ViknoConfig config = TestConfigs.sampleWith(env, edits);
        smsc = SmscSimulator.fromConfig(smscVertx, config.sms(), Clock.systemUTC());
        await(smsc.start());
        this.config = config;
        server = await(ViknoServer.start(config));
        // Whatever the hour the test runs at, the centre is open for it.
        String until = Instant.now().plusSeconds(600).toString();
        assertThat(Http.api(server.httpPort(), "PUT", "/api/schedule/override",
                "{\"state\":\"open\",\"until\":\"" + until + "\",\"reason\":\"test\"}").statusCode()).isEqualTo(200);
    }

    static LiveCallFixture start(Path data) throws Exception {
        return new LiveCallFixture(data, Map.of(), Map.of());
    }

    /** As {@link #start(Path)} on the sample with textual edits (e.g. a prompt replaced by a test tone). */
    static LiveCallFixture start(Path data, Map<String, String> sampleEdits) throws Exception {
        return new LiveCallFixture(data, Map.of(), sampleEdits);
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    String registrar() {
        return "127.0.0.1:" + server.config().network().sip().port();
    }

    /** A softphone registered as {@code line} with {@code password}, sending {@code hz}; waits for the binding. */
    Baresip line(String line, String password, double hz) throws Exception {
        int port = FreePorts.next();
        FreePorts.next();
        Path tone = Tones.write(data.resolve("line-" + line + ".wav"), hz, 90);
        Baresip phone = Baresip.start(port, "<sip:" + line + "@" + registrar() + ">;auth_pass=" + password
                + ";answermode=auto;regint=300;audio_codecs=PCMU,PCMA;ptime=20", tone);
        phones.put(line, phone);
        await(() -> redis.command("EXISTS", "vikno:location:sip:" + line + "@vikno.local").equals(":1"),
                Duration.ofSeconds(15), "line " + line + " registered");
        return phone;
    }

    /** The resident's phone on the trunk address, sending 440 Hz. */
    Baresip resident() throws Exception {
        Path tone = Tones.write(data.resolve("resident.wav"), RESIDENT_HZ, 90);
        Baresip phone = Baresip.start(trunkPort, "<sip:" + RESIDENT + "@127.0.0.1>;regint=0;audio_codecs=PCMA,PCMU;ptime=20",
                tone);
        phones.put("resident", phone);
        Thread.sleep(500);
        return phone;
    }

    /** Stops the node and starts it again on the same configuration, Redis and data; the phones stay. */
    void restartServer() throws Exception {
        await(server.stop());
        server = await(ViknoServer.start(config));
    }

    /** As {@link #resident()}, answering calls to it at once (a call-back through the trunk). */
    Baresip residentAnswering() throws Exception {
        Path tone = Tones.write(data.resolve("resident.wav"), RESIDENT_HZ, 90);
        Baresip phone = Baresip.start(trunkPort, "<sip:" + RESIDENT + "@127.0.0.1>;regint=0;answermode=auto;"
                + "audio_codecs=PCMA,PCMU;ptime=20", tone);
        phones.put("resident", phone);
        Thread.sleep(500);
        return phone;
    }

    /** The resident calls the hotline and presses 1 then 2 (hot water); operator 210 answers. */
    void residentTalksTo210(Baresip resident, Baresip operator) throws Exception {
        resident.command("/dial sip:+380444960000@" + registrar());
        await(() -> established(resident), Duration.ofSeconds(15), "the hotline answered");
        Thread.sleep(10500); // the working-hours greeting (7.8 s) plays to its end, even on a slow first call
        resident.command("1");
        Thread.sleep(3500);
        resident.command("2");
        await(() -> established(operator), Duration.ofSeconds(20), "operator 210 answered");
    }

    static boolean established(Baresip phone) {
        return phone.log().toLowerCase().contains("established");
    }

    static boolean closed(Baresip phone) {
        String log = phone.log().toLowerCase();
        return log.contains("call closed") || log.contains("session closed") || log.contains("terminated");
    }

    /** The first appeal of the resident's phone, once there is one (within 15 s). */
    io.vertx.core.json.JsonObject awaitResidentAppeal() throws Exception {
        io.vertx.core.json.JsonObject[] found = new io.vertx.core.json.JsonObject[1];
        await(() -> {
            try {
                var items = new io.vertx.core.json.JsonObject(Http.api(server.httpPort(),
                        "/api/appeals?phone=%2B380671234567").body()).getJsonArray("items");
                found[0] = items.isEmpty() ? null : items.getJsonObject(0);
                return found[0] != null;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(15), "an appeal for the call");
        return found[0];
    }

    void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                StringBuilder logs = new StringBuilder("not " + what + " within " + timeout);
                phones.forEach((name, p) -> logs.append("\n--- ").append(name).append(" ---\n").append(p.log()));
                throw new AssertionError(logs.toString());
            }
            Thread.sleep(100);
        }
    }

    /** 20 ms frames with {@code hz} dominant in everything {@code phone} received. */
    static int heard(Baresip phone, double hz) throws Exception {
        int frames = 0;
        for (Path dump : phone.heard()) {
            frames += Tones.framesWithTone(Tones.read(dump), hz);
        }
        return frames;
    }

    /** 20 ms frames with {@code hz} clearly present (at least a tenth of the frame's energy): for mixes of tones. */
    static int heardInMix(Baresip phone, double hz) throws Exception {
        return heardInMix(phone, hz, Double.MAX_VALUE);
    }

    /**
     * As {@link #heardInMix(Baresip, double)} over the {@code seconds} before the last second of each call only:
     * the IVR's speech prompts earlier in a resident's call have energy at any test frequency, and so have the
     * clicks of the other phones hanging up at its end.
     */
    static int heardInMix(Baresip phone, double hz, double seconds) throws Exception {
        int frames = 0;
        for (Path dump : phone.heard()) {
            short[] all = Tones.read(dump);
            int to = Math.max(0, all.length - Tones.RATE);
            int from = (int) Math.max(0, to - seconds * Tones.RATE);
            frames += framesContaining(java.util.Arrays.copyOfRange(all, from, to), hz);
        }
        return frames;
    }

    static int framesContaining(short[] samples, double hz) {
        int frame = Tones.RATE / 50;
        int found = 0;
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / Tones.RATE);
        for (int start = 0; start + frame <= samples.length; start += frame) {
            double s1 = 0;
            double s2 = 0;
            double energy = 0;
            for (int i = start; i < start + frame; i++) {
                double s0 = samples[i] + coefficient * s1 - s2;
                s2 = s1;
                s1 = s0;
                energy += (double) samples[i] * samples[i];
            }
            double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
            if (energy > frame * 100.0 * 100.0 && power > 0.1 * energy * frame / 2) {
                found++;
            }
        }
        return found;
    }

    /** Stops every phone (their recordings are complete then). */
    void hangUpPhones() {
        phones.values().forEach(Baresip::close);
    }

    @Override
    public void close() throws Exception {
        List<Exception> failures = new ArrayList<>();
        hangUpPhones();
        try {
            await(server.stop());
        } catch (Exception e) {
            failures.add(e);
        }
        try {
            await(smsc.stop());
        } catch (Exception e) {
            failures.add(e);
        }
        smscVertx.close();
        redis.close();
        phones.values().forEach(Baresip::delete);
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
