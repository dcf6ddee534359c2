package ua.vikno.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import ua.vikno.config.Line;
import ua.vikno.config.Network;
import ua.vikno.config.Recording;
import ua.vikno.config.Secret;
import ua.vikno.config.Trunk;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallState;
import ua.vikno.pbx.ConnectRequest;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.rtp.MuLaw;
import ua.vikno.pbx.rtp.PacingMediaClock;
import ua.vikno.pbx.rtp.RtpPortPool;
import ua.vikno.pbx.rtp.Ticker;
import ua.vikno.pbx.sip.SipEngine;
import ua.vikno.pbx.sip.call.SipPbx;
import ua.vikno.pbx.sip.registrar.Binding;
import ua.vikno.pbx.sip.registrar.RedisLocationService;
import ua.vikno.recorder.CallRecorder;
import ua.vikno.recorder.RecorderSettings;
import ua.vikno.recorder.RedisRecordingStore;
import ua.vikno.testkit.BenchProcesses;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.RedisServer;

/**
 * A figure, not a test (its name keeps it out of the default run): the extra CPU of recording N bridged calls, and
 * how fast their recordings convert. The engine and the recorder are wired as {@code SipComponent} wires them (one
 * Vert.x, a shared media clock, {@code CallRecorder.withJave} with its Redis metadata); SIPp is the trunk streaming
 * PCMU into the caller legs and the phones echoing it back, as in pbx-bridge's {@code BridgedCallsBench}. The same
 * JVM runs a round without recording, then one with it (twice by default), and compares their CPU over a steady
 * window. Run by hand:
 *
 * <pre>mvn -q -pl server -am test -Dtest=RecordedCallsBench -Dsurefire.failIfNoSpecifiedTests=false -Dcalls=100</pre>
 */
class RecordedCallsBench {
    private static final Path SIPP = Path.of("../pbx-bridge/src/test/sipp").toAbsolutePath().normalize();

    @Test
    void extraCpuOfRecordingBridgedCalls() throws Exception {
        int calls = Integer.getInteger("calls", 50);
        int holdSeconds = Integer.getInteger("holdSeconds", 25);
        Path dir = Files.createTempDirectory("vikno-recbench-");
        byte[] tone = new byte[8000 * 20];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = MuLaw.encode((short) (8000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0)));
        }
        Files.write(dir.resolve("tone.ulaw"), tone);
        int pairs = Integer.getInteger("pairs", 2);
        try (RedisServer redis = RedisServer.start()) {
            // Pairs of rounds, alternating, so that the JIT warming up in the first round favours neither side.
            for (int pair = 1; pair <= pairs; pair++) {
                Round plain = round(calls, holdSeconds, dir, redis, false);
                Round recorded = round(calls, holdSeconds, dir, redis, true);
                System.out.printf("%nBENCH recording (pair %d of %d): %d bridged calls (%d and %d up); engine JVM "
                                + "%.1f%% of a core without recording, %.1f%% with it: %+.1f%% of a core, %+.0f%%; "
                                + "SIPp trunk %.1f%% / %.1f%%, phones %.1f%% / %.1f%%%n",
                        pair, pairs, calls, plain.up, recorded.up, 100 * plain.engineCore,
                        100 * recorded.engineCore, 100 * (recorded.engineCore - plain.engineCore),
                        100 * (recorded.engineCore - plain.engineCore) / plain.engineCore,
                        100 * plain.trunkCore, 100 * recorded.trunkCore, 100 * plain.phonesCore,
                        100 * recorded.phonesCore);
                System.out.printf("BENCH conversion (pair %d of %d): %d recordings, %.0f s of audio, stored in %.1f s "
                                + "wall by 2 workers; ffmpeg CPU %.1f s: %.1f minutes of audio per second of CPU, "
                                + "%.1f per second of wall%n",
                        pair, pairs, recorded.stored, recorded.audioSeconds, recorded.conversionWall,
                        recorded.conversionCpu, recorded.audioSeconds / 60 / Math.max(0.001, recorded.conversionCpu),
                        recorded.audioSeconds / 60 / Math.max(0.001, recorded.conversionWall));
            }
        }
    }

    private record Round(int up, double engineCore, double trunkCore, double phonesCore, int stored,
                         double audioSeconds, double conversionWall, double conversionCpu) {
    }

    private Round round(int calls, int holdSeconds, Path dir, RedisServer redis, boolean recording) throws Exception {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            lines.add(new Line(Integer.toString(3000 + i), "op" + i, new Secret("x"), Optional.empty(), Set.of(), false));
        }
        int sipPort = FreePorts.next();
        Network.Sip sip = new Network.Sip("127.0.0.1", sipPort, EnumSet.of(Network.Transport.UDP), "vikno.local",
                Duration.ofHours(1), Duration.ofMinutes(5), 3, Duration.ofMinutes(1), Duration.ofMinutes(10),
                Duration.ofMinutes(30));
        int rtpFirst = FreePorts.nextEvenPair();
        int rtpLast = rtpFirst + 1;
        for (int i = 1; i < 2 * calls + 4; i++) {
            rtpLast = FreePorts.nextEvenPair() + 1;
        }
        Network.Rtp rtp = new Network.Rtp("127.0.0.1", rtpFirst, rtpLast, Duration.ofSeconds(30));
        Vertx vertx = Vertx.vertx();
        RedisClient client = RedisClient.create(redis.url());
        StatefulRedisConnection<String, String> connection = client.connect();
        PacingMediaClock mediaClock = new PacingMediaClock(Ticker.system()).start();
        Path recordings = dir.resolve(recording ? "recordings" : "none");
        CallRecorder recorder = CallRecorder.withJave(new Recording(recording, recordings, Recording.Format.MP3,
                Duration.ofDays(30), false, 2), RecorderSettings.defaults(),
                new RedisRecordingStore(connection.async()), Clock.systemUTC());
        Process phones = null;
        Process trunk = null;
        try {
            String prefix = "bench-" + UUID.randomUUID() + ":";
            RedisLocationService locations = new RedisLocationService(connection, prefix, Clock.systemUTC());
            SipEngine engine = new SipEngine(sip, lines, List.of(new Trunk("bench", Trunk.Mode.STATIC, "127.0.0.2", 5060,
                    Network.Transport.UDP, List.of("127.0.0.2"), Optional.empty(), "+380440000000")), locations,
                    new SipEngine.Media(rtp, new RtpPortPool(rtp), mediaClock), Clock.systemUTC(), new SecureRandom());
            await(vertx.deployVerticle(engine));
            await(recorder.start());
            SipPbx pbx = engine.pbx().orElseThrow();
            int phonesPort = FreePorts.next();
            for (Line line : lines) {
                String aor = "sip:" + line.extension() + "@vikno.local";
                await(locations.update(aor, List.of(new Binding(aor, "sip:op@127.0.0.1:" + phonesPort,
                        Instant.now().plusSeconds(600), "bench-" + UUID.randomUUID(), 1, "udp:127.0.0.1:0")), List.of()));
            }
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> stored = new CopyOnWriteArrayList<>();
            AtomicInteger ended = new AtomicInteger();
            pbx.onIncomingCall(call -> {
                call.onEvent(e -> {
                    if (e instanceof CallEvent.Ended) {
                        ended.incrementAndGet();
                    }
                });
                stored.add(recorder.record(call));
                String operator = Integer.toString(3000 + next.getAndIncrement() % calls);
                call.answer().compose(v -> call.connect(new ConnectRequest(List.of(new Destination.Line(operator)),
                        Duration.ofSeconds(5), Optional.empty(), Optional.empty())));
            });
            phones = sipp(dir, "bench-answer.xml", "127.0.0.1", phonesPort, sipPort, List.of("-rtp_echo"));
            Thread.sleep(300);
            trunk = sipp(dir, "bench-trunk-call.xml", "127.0.0.2", FreePorts.next(), sipPort, List.of(
                    "-s", "0800300100", "-r", "50", "-m", Integer.toString(calls), "-l", Integer.toString(calls),
                    "-d", Integer.toString(holdSeconds * 1000)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (bridged(pbx) < calls && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            int up = bridged(pbx);
            Thread.sleep(3000);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long trunk0 = BenchProcesses.cpuNanos(trunk.pid());
            long phones0 = BenchProcesses.cpuNanos(phones.pid());
            long wall0 = System.nanoTime();
            Thread.sleep(10_000);
            long wall = System.nanoTime() - wall0;
            double engineCore = (os.getProcessCpuTime() - cpu0) / (double) wall;
            double trunkCore = (BenchProcesses.cpuNanos(trunk.pid()) - trunk0) / (double) wall;
            double phonesCore = (BenchProcesses.cpuNanos(phones.pid()) - phones0) / (double) wall;

            // Conversion: from the last hang-up until every recording is stored; ffmpeg runs as our children.
            trunk.waitFor(holdSeconds + 30L, TimeUnit.SECONDS);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ended.get() < up && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            long children0 = BenchProcesses.childrenCpuNanos();
            long conv0 = System.nanoTime();
            Future.join(new ArrayList<>(stored)).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.MINUTES);
            double conversionWall = (System.nanoTime() - conv0) / 1e9;
            double conversionCpu = (BenchProcesses.childrenCpuNanos() - children0) / 1e9;
            int storedCount = 0;
            double audio = 0;
            for (Future<?> f : stored) {
                if (f.succeeded() && f.result() instanceof Optional<?> o && o.isPresent()
                        && o.get() instanceof ua.vikno.recorder.StoredRecording r) {
                    storedCount++;
                    audio += r.duration().toMillis() / 1000.0;
                }
            }
            return new Round(up, engineCore, trunkCore, phonesCore, storedCount, audio, conversionWall, conversionCpu);
        } finally {
            if (trunk != null) {
                trunk.destroy();
            }
            if (phones != null) {
                phones.destroy();
            }
            recorder.close();
            await(vertx.close());
            mediaClock.close();
            connection.close();
            client.shutdown();
        }
    }

    private static int bridged(SipPbx pbx) {
        return (int) pbx.registry().calls().stream().filter(c -> c.state() == CallState.BRIDGED).count();
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static Process sipp(Path dir, String scenario, String address, int port, int serverPort,
                                List<String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + serverPort, "-sf",
                SIPP.resolve(scenario).toString(), "-i", address, "-mi", address,
                "-p", Integer.toString(port), "-mp", Integer.toString(FreePorts.nextEvenPair()), "-nostdin",
                "-trace_err", "-error_file", dir.resolve(scenario + ".err").toString()));
        command.addAll(extra);
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(scenario + ".log").toFile()).start();
    }
}
