package ua.vikno.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import ua.vikno.config.Network;
import ua.vikno.pbx.rtp.G711;
import ua.vikno.pbx.rtp.MediaDirection;
import ua.vikno.pbx.rtp.MediaFormat;
import ua.vikno.pbx.rtp.PacingMediaClock;
import ua.vikno.pbx.rtp.RtpPeer;
import ua.vikno.pbx.rtp.RtpPortPool;
import ua.vikno.pbx.rtp.RtpSession;
import ua.vikno.pbx.rtp.Ticker;
import ua.vikno.pbx.rtp.WavPrompt;

/**
 * Issue 4's prompt benchmark: N callers (default 1,000) each hearing a long prompt played by an {@link RtpSession}
 * on a pool port pair, all on one Vert.x context and paced by one shared {@link PacingMediaClock}, as the IVR plays
 * greetings. The RTP goes
 * to a receiver in a second JVM (started by this one), which stamps every packet's arrival and reports, per
 * stream, how far each inter-arrival gap is from 20 ms (our sending jitter seen at the receiver), and the loss.
 * CPU of both JVMs is read over the same window. Usage: IvrPromptsBench [callers=1000] [seconds=20] [firstPort=42000]
 */
public final class IvrPromptsBench {
    private static final long PERIOD_NANOS = 20_000_000L;

    private IvrPromptsBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("receive")) {
            Receiver.run(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        int callers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int firstPort = args.length > 2 ? Integer.parseInt(args[2]) : 42000;
        send(callers, seconds, firstPort);
    }

    private static void send(int callers, int seconds, int firstPort) throws Exception {
        int warmUp = 4;
        Process receiver = new ProcessBuilder(javaCommand("receive", Integer.toString(callers),
                Integer.toString(seconds))).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader fromReceiver = new BufferedReader(new InputStreamReader(receiver.getInputStream(),
                StandardCharsets.UTF_8));
        int receiverPort = Integer.parseInt(fromReceiver.readLine().replace("PORT ", "").trim());

        // the server's transport: native epoll
        Vertx vertx = Vertx.builder().with(new io.vertx.core.VertxOptions().setPreferNativeTransport(true)).build();
        PacingMediaClock clock = new PacingMediaClock(Ticker.system()).start();
        Network.Rtp config = new Network.Rtp("127.0.0.1", firstPort, firstPort + 2 * callers + 19,
                Duration.ofHours(1));
        RtpPortPool pool = new RtpPortPool(config);
        // a prompt longer than the run: 1 kHz tone under a slow sweep, so every frame differs
        short[] samples = new short[WavPrompt.SAMPLE_RATE * (seconds + warmUp + 30)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (6000 * Math.sin(2 * Math.PI * (1000 + (i % 8000) / 20.0) * i / 8000.0));
        }
        WavPrompt prompt = WavPrompt.ofSamples("bench-prompt", samples);
        SecureRandom random = new SecureRandom();
        // every session on one context, as the engine's calls are on the engine's
        List<RtpSession> sessions = new ArrayList<>();
        List<Future<RtpSession>> started = new ArrayList<>();
        CompletableFuture<Void> made = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> {
            for (int i = 0; i < callers; i++) {
                RtpSession session = new RtpSession("ivr-" + i, vertx, config, pool, clock, Ticker.system(), random);
                sessions.add(session);
                started.add(session.start());
            }
            made.complete(null);
        });
        made.get(60, TimeUnit.SECONDS);
        Future.all(started).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        for (RtpSession session : sessions) {
            session.configure(MediaFormat.of(G711.PCMU), new RtpPeer("127.0.0.1", receiverPort),
                    MediaDirection.SENDRECV);
            session.play(prompt);
        }
        Thread.sleep(warmUp * 1000L);
        java.util.Optional<KernelArrivals> kernel = KernelArrivals.start(receiverPort);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long skipped0 = clock.skippedSlots();
        long wall0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long wall = System.nanoTime() - wall0;
        double senderCore = (os.getProcessCpuTime() - cpu0) / (double) wall;
        long skipped = clock.skippedSlots() - skipped0;
        String kernelReport = kernel.isPresent() ? kernel.get().stopAndReport()
                : "kernel arrival times: not measured (tcpdump needs root and the tcpdump package)";
        String report = fromReceiver.readLine();
        receiver.waitFor(10, TimeUnit.SECONDS);
        for (RtpSession session : sessions) {
            session.close();
        }
        clock.close();
        String transport = vertx.isNativeTransportEnabled() ? "native epoll" : "NIO";
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "IVR prompts: %d callers, paced RTP (PCMU, 20 ms) for %d s, %d packets/s, transport %s%n",
                callers, seconds, callers * 50, transport);
        System.out.printf(Locale.ROOT, "  sender JVM (sessions + media clock): %.1f%% of a core (%.4f%% per caller); "
                + "media clock slots skipped %d%n", 100 * senderCore, 100 * senderCore / callers, skipped);
        System.out.println("  " + report);
        System.out.println("  " + kernelReport);
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), IvrPromptsBench.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The listening side: one UDP socket for every stream (streams told apart by SSRC), a thread that stamps each
     * arrival with {@link System#nanoTime()}, and a histogram of |gap - 20 ms| in microseconds after the first
     * {@value #RECEIVER_WARM_UP} seconds. Prints its port first, then one line of figures.
     */
    static final class Receiver {
        private static final int MAX_MICROS = 200_000;
        /** Seconds from the receiver's start to its window: the sessions bind and start playing meanwhile. */
        private static final int RECEIVER_WARM_UP = 5;

        static void run(int callers, int seconds) throws IOException {
            try (DatagramChannel socket = DatagramChannel.open()) {
                socket.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
                socket.bind(new InetSocketAddress("127.0.0.1", 0));
                socket.configureBlocking(true);
                System.out.println("PORT " + ((InetSocketAddress) socket.getLocalAddress()).getPort());
                System.out.flush();
                Map<Long, long[]> streams = new HashMap<>();
                long[] histogram = new long[MAX_MICROS + 1];
                ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
                long start = System.nanoTime();
                long measureFrom = start + TimeUnit.SECONDS.toNanos(RECEIVER_WARM_UP);
                long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpuAtStart = -1;
                long gaps = 0;
                long received = 0;
                long expected = 0;
                Thread stopper = new Thread(() -> {
                    try {
                        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) + 100);
                        socket.close();
                    } catch (InterruptedException | IOException ignored) {
                        // the main loop ends on the closed socket
                    }
                });
                stopper.setDaemon(true);
                stopper.start();
                while (System.nanoTime() < end) {
                    buffer.clear();
                    try {
                        socket.receive(buffer);
                    } catch (IOException closed) {
                        break;
                    }
                    long now = System.nanoTime();
                    if (buffer.position() < 12) {
                        continue;
                    }
                    int sequence = buffer.getShort(2) & 0xffff;
                    long ssrc = buffer.getInt(8) & 0xffff_ffffL;
                    // [last arrival, last sequence]
                    long[] stream = streams.computeIfAbsent(ssrc, k -> new long[] {-1, -1});
                    if (cpuAtStart < 0 && now >= measureFrom) {
                        cpuAtStart = os.getProcessCpuTime();
                    }
                    if (stream[0] >= 0 && now >= measureFrom) {
                        int step = (sequence - (int) stream[1]) & 0xffff;
                        received++;
                        expected += step;
                        if (step == 1) {
                            long deviation = Math.abs(now - stream[0] - PERIOD_NANOS) / 1000;
                            histogram[(int) Math.min(MAX_MICROS, deviation)]++;
                            gaps++;
                        }
                    }
                    stream[0] = now;
                    stream[1] = sequence;
                }
                double core = (os.getProcessCpuTime() - cpuAtStart) / (double) (System.nanoTime() - measureFrom);
                System.out.printf(Locale.ROOT, "receiver JVM %.1f%% of a core: %d streams, %d packets measured, lost %d "
                                + "(%.3f%%); |inter-arrival - 20 ms| p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
                        100 * core, streams.size(), received, expected - received,
                        expected == 0 ? 0 : 100.0 * (expected - received) / expected,
                        percentile(histogram, gaps, 0.50), percentile(histogram, gaps, 0.99),
                        percentile(histogram, gaps, 0.999), percentile(histogram, gaps, 1.0));
                System.out.flush();
            }
        }

        private static double percentile(long[] histogram, long count, double p) {
            long rank = (long) Math.ceil(p * count);
            long seen = 0;
            for (int micros = 0; micros < histogram.length; micros++) {
                seen += histogram[micros];
                if (seen >= rank && seen > 0) {
                    return micros / 1000.0;
                }
            }
            return 0;
        }
    }
}
