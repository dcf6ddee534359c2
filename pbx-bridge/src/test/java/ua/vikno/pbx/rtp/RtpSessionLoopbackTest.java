package ua.vikno.pbx.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import ua.vikno.config.Network;
import ua.vikno.testkit.FreePorts;

/** Two real sessions on 127.0.0.1 talking RTP through the shared media clock. */
class RtpSessionLoopbackTest {
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

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static Network.Rtp range(int pairs, Duration timeout) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = FreePorts.nextEvenPair();
            boolean allFree = true;
            for (int p = first + 2; p < first + 2 * pairs; p++) {
                allFree &= FreePorts.free(p);
            }
            if (allFree) {
                return new Network.Rtp("127.0.0.1", first, first + 2 * pairs - 1, timeout);
            }
        }
        throw new IllegalStateException("no free range of " + pairs + " pairs");
    }

    RtpSession session(String id, Network.Rtp config, RtpPortPool pool) {
        RtpSession s = new RtpSession(id, vertx, config, pool, clock, Ticker.system(), new Random());
        sessions.add(s);
        return s;
    }

    RtpSession started(String id) throws Exception {
        Network.Rtp config = range(1, Duration.ofSeconds(30));
        return await(session(id, config, new RtpPortPool(config)).start());
    }

    static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).as("condition met within 5 s").isTrue();
    }

    static RtpPeer peerOf(RtpSession s) {
        return new RtpPeer("127.0.0.1", s.localPort());
    }

    @Nested
    class PlayingAToneFromOneSessionToAnother {
        static final int FRAMES = 50;
        final List<short[]> frames = Collections.synchronizedList(new ArrayList<>());
        final List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch allArrived = new CountDownLatch(FRAMES);
        RtpSession caller;
        RtpSession server;

        void playTone(G711 law) throws Exception {
            caller = started("caller");
            server = started("server");
            server.configure(MediaFormat.of(law), peerOf(caller), MediaDirection.SENDRECV).onAudio(pcm -> {
                arrivals.add(System.nanoTime());
                frames.add(pcm);
                allArrived.countDown();
            });
            caller.configure(MediaFormat.of(law), peerOf(server), MediaDirection.SENDRECV);
            WavPrompt tone = WavPrompt.parse("1khz.wav", Audio.wav(Audio.tone(1000, 20 * FRAMES, 12000))).value();
            assertThat(await(caller.play(tone))).isEqualTo(PlaybackEnd.FINISHED);
            allArrived.await(5, TimeUnit.SECONDS);
        }

        @Test
        void theReceiverHearsA1kHzToneInPcmu() throws Exception {
            playTone(G711.PCMU);
            assertToneDominates();
        }

        @Test
        void theReceiverHearsA1kHzToneInPcma() throws Exception {
            playTone(G711.PCMA);
            assertToneDominates();
        }

        private void assertToneDominates() {
            assertThat(frames).hasSizeGreaterThanOrEqualTo(FRAMES * 9 / 10);
            long toneFrames = frames.stream().filter(f -> Audio.goertzelShare(f, 1000) > 0.8
                    && Audio.goertzelShare(f, 1000) > 10 * Audio.goertzelShare(f, 697)).count();
            assertThat(toneFrames).isGreaterThanOrEqualTo(frames.size() * 9L / 10);
        }

        @Test
        void packetsArrivePacedNotInABurstAndTheFiguresAreReported() throws Exception {
            playTone(G711.PCMU);
            List<Long> times = List.copyOf(arrivals);
            List<Double> deviations = new ArrayList<>();
            for (int i = 1; i < times.size(); i++) {
                deviations.add(Math.abs((times.get(i) - times.get(i - 1)) / 1e6 - 20.0));
            }
            Collections.sort(deviations);
            double p99 = deviations.get((int) Math.ceil(0.99 * deviations.size()) - 1);
            double spanMillis = (times.get(times.size() - 1) - times.get(0)) / 1e6;
            ReceptionReport report = await(server.statistics());
            LoggerFactory.getLogger(RtpSessionLoopbackTest.class).info(
                    "pacing over {} packets: span {} ms, inter-arrival deviation from 20 ms p50 {} ms p99 {} ms max {} ms;"
                            + " RFC 3550 jitter {} ms; lost {}", times.size(), String.format("%.1f", spanMillis),
                    String.format("%.3f", deviations.get(deviations.size() / 2)), String.format("%.3f", p99),
                    String.format("%.3f", deviations.get(deviations.size() - 1)),
                    String.format("%.3f", report.jitter().toNanos() / 1e6), report.lost());
            assertThat(spanMillis).as("50 frames take about a second, not a burst").isGreaterThan(0.5 * 20 * (times.size() - 1));
            assertThat(p99).as("loose bound only; benchmarks measure the real figure").isLessThan(200);
            assertThat(report.received()).isEqualTo(times.size());
        }

        @Test
        void eachSideLatchesOntoTheOthersPortAndCountsThePackets() throws Exception {
            playTone(G711.PCMU);
            assertThat(server.latchedRemote()).contains(peerOf(caller));
            assertThat(caller.counters().sent()).isEqualTo(FRAMES);
            assertThat(server.counters().received()).isEqualTo(frames.size());
        }
    }

    @Nested
    class HostileAndOddTraffic {
        @Test
        void stunAndGarbageAreDroppedAndAudioStillFlows() throws Exception {
            RtpSession server = started("server");
            List<short[]> heard = Collections.synchronizedList(new ArrayList<>());
            server.configure(MediaFormat.of(G711.PCMU), null, MediaDirection.SENDRECV).onAudio(heard::add);
            try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                send(phone, server, HexFormat.of().parseHex("000100002112a442000102030405060708090a0b"));
                send(phone, server, new byte[] {1, 2, 3});
                send(phone, server, new byte[0]);
                send(phone, server, new RtpPacketEncoder().encode(RtpPacket.of(false, 0, 1, 0, 9, new byte[160])));
                eventually(() -> heard.size() == 1);
                assertThat(server.counters()).isEqualTo(new RtpCounters(0, 1, 0, 1, 2, 0, 0, 0));
                assertThat(server.latchedRemote()).contains(new RtpPeer("127.0.0.1", phone.getLocalPort()));
            }
        }

        @Test
        void aDigitSentWithATripleEndPacketIsReportedOnce() throws Exception {
            RtpSession server = started("server");
            List<DtmfEvent> digits = Collections.synchronizedList(new ArrayList<>());
            List<short[]> heard = Collections.synchronizedList(new ArrayList<>());
            server.configure(MediaFormat.of(G711.PCMU).withTelephoneEvent(101), null, MediaDirection.SENDRECV).onDigit(digits::add)
                    .onAudio(heard::add);
            RtpPacketEncoder encoder = new RtpPacketEncoder();
            try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                int[][] events = {{160, 0}, {480, 0}, {800, 1}, {800, 1}, {800, 1}};
                for (int i = 0; i < events.length; i++) {
                    send(phone, server, encoder.encode(RtpPacket.of(i == 0, 101, 10 + i, 4000, 9,
                            new TelephoneEvent(9, events[i][1] == 1, 10, events[i][0]).encode())));
                }
                send(phone, server, encoder.encode(RtpPacket.of(false, 0, 15, 4800, 9, new byte[160])));
                eventually(() -> heard.size() == 1);
                assertThat(digits).containsExactly(
                        new DtmfEvent(DtmfDigit.NINE, Duration.ofMillis(100), DtmfEvent.Source.RFC4733));
            }
        }

        @Test
        void aPeerThatSdpNamedByHostNameIsSentToOnceTheNameIsResolved() throws Exception {
            RtpSession server = started("server");
            try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                phone.setSoTimeout(5000);
                server.configure(MediaFormat.of(G711.PCMU), new RtpPeer("localhost", phone.getLocalPort()),
                        MediaDirection.SENDRECV);
                server.play(WavPrompt.ofSamples("tone", Audio.tone(440, 1000, 8000)));
                DatagramPacket received = new DatagramPacket(new byte[2048], 2048);
                phone.receive(received);
                assertThat(new RtpPacketDecoder().decode(received.getData(), received.getLength()).value()
                        .payloadType()).isZero();
                assertThat(received.getPort()).isEqualTo(server.localPort());
            }
        }

        @Test
        void rtcpAndStunOnTheRtcpPortAreCountedAndDropped() throws Exception {
            RtpSession server = started("server");
            try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                send(phone, server.localPort() + 1, HexFormat.of().parseHex("81c900070000abcd"));
                send(phone, server.localPort() + 1, HexFormat.of().parseHex("000100002112a442000102030405060708090a0b"));
                eventually(() -> server.counters().rtcp() == 1 && server.counters().stun() == 1);
                assertThat(server.latchedRemote()).isEmpty();
            }
        }

        private void send(DatagramSocket from, RtpSession to, byte[] data) throws java.io.IOException {
            send(from, to.localPort(), data);
        }

        private void send(DatagramSocket from, int port, byte[] data) throws java.io.IOException {
            from.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), port));
        }
    }

    @Nested
    class ConfiguredFromSdp {
        @Test
        void anAnswerToAPjsipOfferUsesItsPcmaAndTelephoneEvent96() throws Exception {
            RtpSession server = started("server");
            List<DtmfEvent> digits = Collections.synchronizedList(new ArrayList<>());
            List<short[]> heard = Collections.synchronizedList(new ArrayList<>());
            try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                String offer = SoftphoneOffers.PJSIP.replace("192.168.0.7", "127.0.0.1")
                        .replace("4002", String.valueOf(phone.getLocalPort()));
                SdpAnswer answer = SdpAnswer.answer(new SdpParser().parse(offer).value(),
                        new SdpAnswer.Local("127.0.0.1", server.localPort(), 1, 1, List.of(G711.PCMU, G711.PCMA))).value();
                server.configure(answer).onDigit(digits::add).onAudio(heard::add);
                RtpPacketEncoder encoder = new RtpPacketEncoder();
                for (int i = 0; i < 3; i++) {
                    byte[] end = encoder.encode(RtpPacket.of(false, 96, 1, 0, 5, new TelephoneEvent(11, true, 10, 800).encode()));
                    phone.send(new DatagramPacket(end, end.length, InetAddress.getLoopbackAddress(), server.localPort()));
                }
                byte[] audio = encoder.encode(RtpPacket.of(false, 8, 2, 160, 5, new byte[160]));
                phone.send(new DatagramPacket(audio, audio.length, InetAddress.getLoopbackAddress(), server.localPort()));
                eventually(() -> heard.size() == 1);
                assertThat(digits).extracting(DtmfEvent::digit).containsExactly(DtmfDigit.POUND);
                assertThat(server.counters().unexpectedPayload()).isZero();
            }
        }

        @Test
        void onHoldAsRecvonlyNothingIsSentAndSilenceDoesNotTimeOut() throws Exception {
            Network.Rtp config = range(1, Duration.ofMillis(50));
            CountDownLatch inactive = new CountDownLatch(1);
            RtpSession held = session("held", config, new RtpPortPool(config)).onInactive(inactive::countDown)
                    .configure(MediaFormat.of(G711.PCMU), new RtpPeer("127.0.0.1", 9), MediaDirection.INACTIVE);
            await(held.start());
            assertThat(await(held.play(WavPrompt.ofSamples("music", new short[3 * 160])))).isEqualTo(PlaybackEnd.FINISHED);
            assertThat(held.counters().sent()).isZero();
            assertThat(inactive.await(200, TimeUnit.MILLISECONDS)).as("no timeout while inactive").isFalse();
        }
    }

    @Nested
    class Lifecycle {
        @Test
        void closingTwiceIsHarmlessAndReturnsThePortsToThePool() throws Exception {
            Network.Rtp config = range(1, Duration.ofSeconds(30));
            RtpPortPool pool = new RtpPortPool(config);
            RtpSession s = await(session("a", config, pool).start());
            assertThat(pool.inUse()).isEqualTo(1);
            assertThat(s.localPort()).isEqualTo(config.portMin());
            await(s.close());
            await(s.close());
            assertThat(pool.inUse()).isZero();
            // NIO releases a closed socket's port at the selector's next wake-up, just after close completes.
            eventually(() -> FreePorts.free(config.portMin()) && FreePorts.free(config.portMin() + 1));
        }

        @Test
        void playingOnAClosedSessionFailsWithANamedFailure() throws Exception {
            RtpSession s = started("a");
            await(s.close());
            assertThatThrownBy(() -> await(s.play(WavPrompt.ofSamples("x", new short[160]))))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(MediaException.class)
                    .hasMessageContaining("closed");
        }

        @Test
        void whenThePoolIsExhaustedStartFailsWithPortsExhausted() throws Exception {
            Network.Rtp config = range(1, Duration.ofSeconds(30));
            RtpPortPool pool = new RtpPortPool(config);
            await(session("a", config, pool).start());
            assertThatThrownBy(() -> await(session("b", config, pool).start())).cause()
                    .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.failure())
                            .isInstanceOf(MediaFailure.PortsExhausted.class));
        }

        @ParameterizedTest(name = "the {0} port taken")
        @CsvSource({"RTP, 0", "RTCP, 1"})
        void aPairPartlyTakenByAnotherProcessIsSkipped(String which, int offset) throws Exception {
            Network.Rtp config = range(2, Duration.ofSeconds(30));
            RtpPortPool pool = new RtpPortPool(config);
            try (DatagramSocket squatter = new DatagramSocket(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), config.portMin() + offset))) {
                RtpSession s = await(session("a", config, pool).start());
                assertThat(s.localPort()).isEqualTo(config.portMin() + 2);
                assertThat(pool.inUse()).isEqualTo(1);
                assertThat(squatter.isBound()).isTrue();
            }
        }

        @Test
        void aBlockOfPairsHeldByAnotherProcessIsSkipped() throws Exception {
            Network.Rtp config = range(6, Duration.ofSeconds(30));
            RtpPortPool pool = new RtpPortPool(config);
            List<DatagramSocket> squatters = squat(config.portMin(), config.portMin() + 10);
            try {
                RtpSession s = await(session("a", config, pool).start());
                assertThat(s.localPort()).isEqualTo(config.portMin() + 10);
            } finally {
                squatters.forEach(DatagramSocket::close);
            }
        }

        @Test
        void aRangeHeldWhollyByAnotherProcessFailsWithBindFailedAndKeepsNoPair() throws Exception {
            Network.Rtp config = range(4, Duration.ofSeconds(30));
            RtpPortPool pool = new RtpPortPool(config);
            List<DatagramSocket> squatters = squat(config.portMin(), config.portMin() + 8);
            try {
                assertThatThrownBy(() -> await(session("a", config, pool).start())).cause()
                        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.failure())
                                .isInstanceOf(MediaFailure.BindFailed.class));
                assertThat(pool.inUse()).isZero();
            } finally {
                squatters.forEach(DatagramSocket::close);
            }
        }

        /** Binds the RTP port of every pair from {@code first} up to, not including, {@code end}. */
        private static List<DatagramSocket> squat(int first, int end) throws java.net.SocketException {
            List<DatagramSocket> squatters = new ArrayList<>();
            for (int port = first; port < end; port += 2) {
                squatters.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            }
            return squatters;
        }

        @Test
        void aSilentStreamIsReportedInactiveOnce() throws Exception {
            Network.Rtp config = range(1, Duration.ofMillis(100));
            CountDownLatch inactive = new CountDownLatch(1);
            RtpSession s = session("quiet", config, new RtpPortPool(config)).onInactive(inactive::countDown);
            await(s.start());
            assertThat(inactive.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
