package ua.vikno.pbx.sip;

import ua.vikno.testkit.Tones;
import ua.vikno.testkit.Baresip;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.vikno.config.Line;
import ua.vikno.config.Secret;
import ua.vikno.pbx.AudioInjection;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallState;
import ua.vikno.pbx.Leg;
import ua.vikno.testkit.FreePorts;

/**
 * Two real softphones (baresip) registered as lines 201 and 202: 201 dials 202, which answers by itself; each
 * sends its own tone and must hear the other's through the engine's RTP bridge. 201 speaks PCMU and 202 only
 * PCMA, so the bridge transcodes. A whisper injected toward 202 reaches 202 only.
 */
class BaresipCallTest {
    private static final List<Line> LINES = List.of(
            new Line("201", "Operator 201", new Secret("pw-201"), Optional.empty(), Set.of(), false),
            new Line("202", "Operator 202", new Secret("pw-202"), Optional.empty(), Set.of(), false));

    private RunningEngine server;
    private Baresip a;
    private Baresip b;
    private Path tones;

    @BeforeEach
    void start() throws Exception {
        server = new RunningEngine(RunningEngine.settings(FreePorts.next(), Duration.ofMinutes(5)), LINES).start();
        tones = Files.createTempDirectory("vikno-tones-");
    }

    @AfterEach
    void stop() {
        for (Baresip phone : new Baresip[] {a, b}) {
            if (phone != null) {
                phone.close();
                phone.delete();
            }
        }
        server.closeInBackground();
        try (var files = Files.walk(tones)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (Exception e) {
            // a leftover temporary directory is harmless
        }
    }

    @Test
    void line201Calls202AndEachHearsTheOthersToneThroughTranscodingAndOnly202HearsAWhisper() throws Exception {
        Path low = Tones.write(tones.resolve("440.wav"), 440, 20);
        Path high = Tones.write(tones.resolve("1000.wav"), 1000, 20);
        int portA = FreePorts.next();
        FreePorts.next(); // baresip binds SIP/TLS on port + 1
        int portB = FreePorts.next();
        FreePorts.next();
        String registrar = "127.0.0.1:" + server.port();
        b = Baresip.start(portB, "<sip:202@" + registrar + ">;auth_pass=pw-202;answermode=auto;regint=300;"
                + "audio_codecs=PCMA;ptime=20", high);
        a = Baresip.start(portA, "<sip:201@" + registrar + ">;auth_pass=pw-201;regint=300;"
                + "audio_codecs=PCMU,PCMA;ptime=20", low);
        await(() -> !server.bindings("202").isEmpty() && !server.bindings("201").isEmpty(), Duration.ofSeconds(10),
                "both lines registered");

        a.command("/dial sip:202@" + registrar);
        await(() -> server.pbx().registry().calls().stream().anyMatch(c -> c.state() == CallState.BRIDGED),
                Duration.ofSeconds(10), "201 bridged to 202");
        assertThat(server.rtpPorts.inUse()).isEqualTo(2);
        Call call = server.pbx().registry().calls().iterator().next();
        Thread.sleep(1000);
        whisper(call, Leg.CALLEE, 2000, Duration.ofMillis(1500));
        Thread.sleep(1500);
        a.command("/hangup");
        await(() -> server.pbx().activeCalls() == 0 && server.rtpPorts.inUse() == 0, Duration.ofSeconds(10),
                "the call ended and its ports returned");
        Thread.sleep(500); // baresip closes its dump files when the call ends
        a.close();
        b.close();

        assertThat(heardTone(a, 1000)).as("201 hears 202's 1000 Hz; baresip 201 said:%n%s", a.log())
                .isGreaterThan(50);
        assertThat(heardTone(b, 440)).as("202 hears 201's 440 Hz; baresip 202 said:%n%s", b.log())
                .isGreaterThan(50);
        assertThat(heardTone(a, 440)).as("201 does not hear itself").isLessThan(10);
        assertThat(heardTone(b, 2000)).as("202 hears the whisper; baresip 202 said:%n%s", b.log()).isGreaterThan(40);
        assertThat(heardTone(a, 2000)).as("201 does not hear the whisper").isLessThan(5);
        assertThat(server.pbx().registry().dialogs()).isZero();
    }

    @Test
    void aCallInProgressKeepsItsAudioWhileGarbageHitsTheSipAndRtpPorts() throws Exception {
        Path low = Tones.write(tones.resolve("440.wav"), 440, 20);
        Path high = Tones.write(tones.resolve("1000.wav"), 1000, 20);
        int portA = FreePorts.next();
        FreePorts.next();
        int portB = FreePorts.next();
        FreePorts.next();
        String registrar = "127.0.0.1:" + server.port();
        b = Baresip.start(portB, "<sip:202@" + registrar + ">;auth_pass=pw-202;answermode=auto;regint=300;"
                + "audio_codecs=PCMU;ptime=20", high);
        a = Baresip.start(portA, "<sip:201@" + registrar + ">;auth_pass=pw-201;regint=300;"
                + "audio_codecs=PCMU;ptime=20", low);
        await(() -> !server.bindings("202").isEmpty() && !server.bindings("201").isEmpty(), Duration.ofSeconds(10),
                "both lines registered");
        a.command("/dial sip:202@" + registrar);
        await(() -> server.pbx().registry().calls().stream().anyMatch(c -> c.state() == CallState.BRIDGED),
                Duration.ofSeconds(10), "201 bridged to 202");
        Thread.sleep(500);

        long start = System.nanoTime();
        int sent = 0;
        try (java.net.DatagramSocket attacker = new java.net.DatagramSocket(0,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            // two seconds of abuse while the two lines talk
            while (System.nanoTime() - start < 2_000_000_000L) {
                for (byte[] junk : BadInput.sipDatagrams(server.port())) {
                    attacker.send(new java.net.DatagramPacket(junk, junk.length,
                            java.net.InetAddress.getByName("127.0.0.1"), server.port()));
                    sent++;
                }
                for (int port = server.rtpPorts.firstPort(); port <= server.rtpPorts.lastPort(); port++) {
                    for (byte[] junk : BadInput.mediaDatagrams(3000)) {
                        attacker.send(new java.net.DatagramPacket(junk, junk.length,
                                java.net.InetAddress.getByName("127.0.0.1"), port));
                        sent++;
                    }
                }
                Thread.sleep(20);
            }
        }
        Thread.sleep(1500);
        boolean stillBridged = server.pbx().registry().calls().stream().anyMatch(c -> c.state() == CallState.BRIDGED);
        a.command("/hangup");
        await(() -> server.pbx().activeCalls() == 0 && server.rtpPorts.inUse() == 0, Duration.ofSeconds(10),
                "the call ended and its ports returned");
        Thread.sleep(500);
        a.close();
        b.close();

        assertThat(sent).isGreaterThan(1000);
        assertThat(stillBridged).as("the call is still bridged after the abuse").isTrue();
        // about 4 s of talk: 200 frames of 20 ms; the tone must be there nearly all the way through
        assertThat(heardTone(a, 1000)).as("201 keeps hearing 202; baresip 201 said:%n%s", a.log())
                .isGreaterThan(150);
        assertThat(heardTone(b, 440)).as("202 keeps hearing 201; baresip 202 said:%n%s", b.log())
                .isGreaterThan(150);
        assertThat(heardTone(a, 3000) + heardTone(b, 3000)).as("the attacker's RTP reaches nobody").isLessThan(5);
        assertThat(server.pbx().registry().dialogs()).isZero();
        Sipp.Result options = Sipp.scenario("options.xml").to("201").against(server.port());
        assertThat(options.succeeded()).as("the engine still answers OPTIONS: %s", options).isTrue();
    }

    /** Injects a tone toward {@code leg} for {@code length}, pushed in real time as a supervisor's whisper would be. */
    private static void whisper(Call call, Leg leg, double hz, Duration length) throws InterruptedException {
        short[] frame = new short[160];
        try (AudioInjection injection = call.inject(leg)) {
            long start = System.nanoTime();
            for (int n = 0; n < length.toMillis() / 20; n++) {
                for (int i = 0; i < 160; i++) {
                    frame[i] = (short) (16000 * Math.sin(2 * Math.PI * hz * (n * 160 + i) / 8000));
                }
                injection.push(frame);
                long next = start + (n + 1) * 20_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
    }

    /** Frames of 20 ms in which the phone heard {@code hz}, over all its dumps. */
    private static int heardTone(Baresip phone, double hz) throws Exception {
        int frames = 0;
        for (Path dump : phone.heard()) {
            frames += Tones.framesWithTone(Tones.read(dump), hz);
        }
        return frames;
    }

    private void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " within " + timeout + "\n--- 201 ---\n"
                        + (a == null ? "" : a.log()) + "\n--- 202 ---\n" + (b == null ? "" : b.log()));
            }
            Thread.sleep(100);
        }
    }
}
