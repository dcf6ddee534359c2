package ua.vikno.pbx.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ua.vikno.config.Network;
import ua.vikno.pbx.rtp.G711;
import ua.vikno.pbx.rtp.MediaDirection;
import ua.vikno.pbx.rtp.MediaFormat;
import ua.vikno.pbx.rtp.PacingMediaClock;
import ua.vikno.pbx.rtp.PlaybackEnd;
import ua.vikno.pbx.rtp.RtpPeer;
import ua.vikno.pbx.rtp.RtpPortPool;
import ua.vikno.pbx.rtp.RtpSession;
import ua.vikno.pbx.rtp.Ticker;
import ua.vikno.pbx.rtp.WavPrompt;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.Tones;

/** A bridged call's relay between two real sessions on 127.0.0.1, each leg with a phone of its own. */
class BridgeRelayTest {
    static Vertx vertx;
    static PacingMediaClock clock;
    final List<RtpSession> sessions = new ArrayList<>();

    @BeforeAll
    static void startVertxAndTheClock() {
        vertx = Vertx.vertx();
        clock = new PacingMediaClock(Ticker.system()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        clock.close();
        await(vertx.close());
    }

    @AfterEach
    void closeSessions() throws Exception {
        for (RtpSession s : sessions) {
            await(s.close());
        }
    }

    @Test
    void aPcmuCallerIsHeardByAPcmaCalleeThroughTheTwoBridgedLegs() throws Exception {
        RtpSession caller = started("caller");
        RtpSession legA = started("leg-a");
        RtpSession legB = started("leg-b");
        RtpSession callee = started("callee");
        caller.configure(MediaFormat.of(G711.PCMU), peerOf(legA), MediaDirection.SENDRECV);
        legA.configure(MediaFormat.of(G711.PCMU), peerOf(caller), MediaDirection.SENDRECV);
        legB.configure(MediaFormat.of(G711.PCMA), peerOf(callee), MediaDirection.SENDRECV);
        List<short[]> heard = Collections.synchronizedList(new ArrayList<>());
        callee.configure(MediaFormat.of(G711.PCMA), peerOf(legB), MediaDirection.SENDRECV).onAudio(heard::add);
        BridgeRelay relay = BridgeRelay.connect(legA, legB, new LegMixer(clock), new LegMixer(clock));

        assertThat(await(caller.play(WavPrompt.ofSamples("1khz", tone(1000, 400))))).isEqualTo(PlaybackEnd.FINISHED);
        eventually(() -> heard.size() >= 18);
        relay.disconnect();

        List<short[]> frames = List.copyOf(heard);
        assertThat(frames.stream().filter(f -> Tones.framesWithTone(f, 1000) == 1).count())
                .isGreaterThanOrEqualTo(frames.size() * 9L / 10);
        assertThat(legB.counters().sent()).isGreaterThanOrEqualTo(frames.size());
    }

    @Test
    void nothingIsRelayedOnceDisconnected() throws Exception {
        RtpSession caller = started("caller");
        RtpSession legA = started("leg-a");
        RtpSession legB = started("leg-b");
        caller.configure(MediaFormat.of(G711.PCMU), peerOf(legA), MediaDirection.SENDRECV);
        legA.configure(MediaFormat.of(G711.PCMU), peerOf(caller), MediaDirection.SENDRECV);
        legB.configure(MediaFormat.of(G711.PCMU), new RtpPeer("127.0.0.1", 9), MediaDirection.SENDRECV);
        BridgeRelay.connect(legA, legB, new LegMixer(clock), new LegMixer(clock)).disconnect();

        assertThat(await(caller.play(WavPrompt.ofSamples("1khz", tone(1000, 200))))).isEqualTo(PlaybackEnd.FINISHED);
        eventually(() -> legA.counters().received() >= 8);

        assertThat(legB.counters().sent()).isZero();
    }

    private RtpSession started(String id) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            int rtp = FreePorts.nextEvenPair();
            if (FreePorts.free(rtp) && FreePorts.free(rtp + 1)) {
                Network.Rtp config = new Network.Rtp("127.0.0.1", rtp, rtp + 1, Duration.ofSeconds(30));
                RtpSession session = new RtpSession(id, vertx, config, new RtpPortPool(config), clock,
                        Ticker.system(), new Random());
                sessions.add(session);
                return await(session.start());
            }
        }
        throw new IllegalStateException("no free RTP port pair");
    }

    private static RtpPeer peerOf(RtpSession s) {
        return new RtpPeer("127.0.0.1", s.localPort());
    }

    private static short[] tone(double hertz, int millis) {
        short[] samples = new short[8 * millis];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(12000 * Math.sin(2 * Math.PI * hertz * i / 8000.0));
        }
        return samples;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).as("condition met within 5 s").isTrue();
    }
}
