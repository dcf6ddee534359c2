package ua.vikno.pbx.sip;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import ua.vikno.config.Line;
import ua.vikno.config.Network;
import ua.vikno.config.Secret;
import ua.vikno.config.Trunk;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallRecord;
import ua.vikno.pbx.ConnectRequest;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.RtpQuality;
import ua.vikno.pbx.rtp.MuLaw;
import ua.vikno.testkit.BenchProcesses;
import ua.vikno.testkit.FreePorts;

/**
 * A figure, not a test (its name keeps it out of the default run): N bridged calls with RTP both ways through the
 * engine — SIPp as a trunk streaming PCMU into the caller legs, a second SIPp answering the operator legs, and
 * the media sent back by {@link RtpEchoProcess} — and the engine JVM's CPU and heap per call over a steady window ({@code -DwindowSeconds},
 * default 10; the calls last long enough to cover it). Run by hand, or with {@code bench/bridged-calls}:
 *
 * <pre>mvn -q -pl pbx-bridge -am test -Dtest=BridgedCallsBench -Dsurefire.failIfNoSpecifiedTests=false -Dcalls=100</pre>
 */
class BridgedCallsBench {

    @Test
    void bridgedCallsWithRtpBothWays() throws Exception {
        int calls = Integer.getInteger("calls", 50);
        int windowSeconds = Integer.getInteger("windowSeconds", 10);
        int holdSeconds = Integer.getInteger("holdSeconds", Math.max(25, windowSeconds + calls / 50 + 12));
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            lines.add(new Line(Integer.toString(3000 + i), "op" + i, new Secret("x"), Optional.empty(), Set.of(),
                    false));
        }
        Path dir = Files.createTempDirectory("vikno-bench-");
        Path ulaw = dir.resolve("tone.ulaw");
        byte[] tone = new byte[8000 * 20];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = MuLaw.encode((short) (8000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0)));
        }
        Files.write(ulaw, tone);
        try (RunningEngine server = new RunningEngine(RunningEngine.settings(FreePorts.next(), Duration.ofMinutes(5)),
                lines)) {
            server.withRtpPairs(2 * calls + 4);
            server.trunks = List.of(new Trunk("bench", Trunk.Mode.STATIC, "127.0.0.2", 5060, Network.Transport.UDP,
                    List.of("127.0.0.2"), Optional.empty(), "+380440000000"));
            server.start();
            int phonesPort = FreePorts.next();
            for (Line line : lines) {
                server.bind(line.extension(), "sip:op@127.0.0.1:" + phonesPort);
            }
            AtomicInteger next = new AtomicInteger();
            List<CallRecord> records = new CopyOnWriteArrayList<>();
            server.pbx().onIncomingCall(call -> {
                call.onEvent(e -> {
                    if (e instanceof CallEvent.Ended end) {
                        records.add(end.record());
                    }
                });
                String operator = Integer.toString(3000 + next.getAndIncrement() % calls);
                call.answer().compose(v -> call.connect(new ConnectRequest(List.of(new Destination.Line(operator)),
                        Duration.ofSeconds(5), Optional.empty(), Optional.empty())));
            });
            long heapBefore = usedHeapAfterGc();
            Process echo = echoProcess(dir, calls);
            Process phones = sipp(dir, "bench-answer-echo.xml", "127.0.0.1", phonesPort, server.port(), List.of(
                    "-inf", dir.resolve("echo-ports.csv").toString()));
            Thread.sleep(300);
            Process trunk = sipp(dir, "bench-trunk-call.xml", "127.0.0.2", FreePorts.next(), server.port(), List.of(
                    "-s", "0800300100", "-r", "50", "-m", Integer.toString(calls), "-l", Integer.toString(calls),
                    "-d", Integer.toString(holdSeconds * 1000)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (bridged(server) < calls && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            int up = bridged(server);
            Thread.sleep(3000);
            long heapDuring = usedHeapAfterGc();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long trunk0 = BenchProcesses.cpuNanos(trunk.pid());
            long phones0 = BenchProcesses.cpuNanos(phones.pid());
            long echo0 = BenchProcesses.cpuNanos(echo.pid());
            long rcvbufErrors0 = udpReceiveBufferErrors();
            long wall0 = System.nanoTime();
            Thread.sleep(windowSeconds * 1000L);
            long wall = System.nanoTime() - wall0;
            double engineCore = (os.getProcessCpuTime() - cpu0) / (double) wall;
            double trunkCore = (BenchProcesses.cpuNanos(trunk.pid()) - trunk0) / (double) wall;
            double phonesCore = (BenchProcesses.cpuNanos(phones.pid()) - phones0) / (double) wall;
            double echoCore = (BenchProcesses.cpuNanos(echo.pid()) - echo0) / (double) wall;
            long rcvbufErrors = udpReceiveBufferErrors() - rcvbufErrors0;
            long engineDrops = socketDrops(server.rtpPorts.firstPort(), server.rtpPorts.lastPort());
            String load = BenchProcesses.loadAverage();
            trunk.waitFor(holdSeconds + 30L, TimeUnit.SECONDS);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (records.size() < up && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            phones.destroy();
            echo.destroy();
            long received = 0;
            long lost = 0;
            long lostFromTrunk = 0;
            List<Double> jitters = new ArrayList<>();
            for (CallRecord r : records) {
                for (RtpQuality q : r.quality()) {
                    jitters.add(q.jitterMillis());
                    received += q.packetsReceived();
                    lost += q.packetsLost();
                    if (q.leg() == ua.vikno.pbx.Leg.CALLER) {
                        lostFromTrunk += q.packetsLost();
                    }
                }
            }
            System.out.printf("%nBENCH bridged calls: %d of %d up; engine JVM %.1f%% of a core (%.3f%% per call); "
                            + "SIPp trunk %.1f%%, SIPp phones %.1f%% + their RTP echo %.1f%%; heap %d KB per call; RTP received by the "
                            + "engine %d packets, lost %d (%.3f%%: %d on the trunk's streams, %d on the phones' echoes); "
                            + "interarrival jitter (RFC 3550) per leg at hang-up: median %.2f ms, p99 %.2f ms, max %.2f ms; "
                            + "kernel drops on the engine's RTP sockets %d (since the calls began), on the whole machine during the window %d (the trunk "
                            + "SIPp never reads what is relayed to it: 50 per call and second); records %d; ports in use "
                            + "after %d; load average %s; transport %s%n",
                    up, calls, 100 * engineCore, 100 * engineCore / Math.max(1, up), 100 * trunkCore,
                    100 * phonesCore, 100 * echoCore, (heapDuring - heapBefore) / 1024 / Math.max(1, up), received, lost,
                    received == 0 ? 0 : 100.0 * lost / (received + lost), lostFromTrunk, lost - lostFromTrunk,
                    percentile(jitters, 0.5), percentile(jitters, 0.99), percentile(jitters, 1.0),
                    engineDrops, rcvbufErrors, records.size(), server.rtpPorts.inUse(), load,
                    server.vertx.isNativeTransportEnabled() ? "native epoll" : "NIO");
        }
    }

    private static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1 < 0 ? 0
                : Math.ceil(p * sorted.size()) - 1));
    }

    /**
     * Starts {@link RtpEchoProcess} on eight ports and writes the SIPp injection file that gives each answered call
     * one of them, in turn.
     */
    private static Process echoProcess(Path dir, int calls) throws IOException, InterruptedException {
        List<String> ports = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ports.add(Integer.toString(FreePorts.nextEvenPair()));
        }
        StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
        for (int i = 0; i < calls; i++) {
            csv.append(ports.get(i % ports.size())).append('\n');
        }
        Files.writeString(dir.resolve("echo-ports.csv"), csv);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"), RtpEchoProcess.class.getName(),
                "127.0.0.1"));
        command.addAll(ports);
        Process echo = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("rtp-echo.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(dir.resolve("rtp-echo.log")).contains("ready") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return echo;
    }

    private static int bridged(RunningEngine server) {
        return (int) server.pbx().registry().calls().stream()
                .filter(c -> c.state() == ua.vikno.pbx.CallState.BRIDGED).count();
    }

    private static Process sipp(Path dir, String scenario, String address, int port, int serverPort,
                                List<String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + serverPort, "-sf",
                Path.of("src/test/sipp").resolve(scenario).toAbsolutePath().toString(), "-i", address, "-mi", address,
                "-p", Integer.toString(port), "-mp", Integer.toString(FreePorts.nextEvenPair()), "-nostdin",
                "-trace_err", "-error_file", dir.resolve(scenario + ".err").toString()));
        command.addAll(extra);
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(scenario + ".log").toFile()).start();
    }

    /** RcvbufErrors of the UDP line of /proc/net/snmp: datagrams the kernel dropped on a full socket, any process. */
    private static long udpReceiveBufferErrors() {
        try {
            List<String> udp = Files.readAllLines(Path.of("/proc/net/snmp")).stream()
                    .filter(l -> l.startsWith("Udp:")).toList();
            List<String> names = List.of(udp.get(0).split(" "));
            return Long.parseLong(udp.get(1).split(" ")[names.indexOf("RcvbufErrors")]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Datagrams the kernel dropped on full receive buffers of the UDP sockets bound to ports {@code first..last}. */
    private static long socketDrops(int first, int last) {
        try {
            long drops = 0;
            for (String line : Files.readAllLines(Path.of("/proc/net/udp"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 12 && f[1].contains(":")) {
                    int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                    if (port >= first && port <= last) {
                        drops += Long.parseLong(f[f.length - 1]);
                    }
                }
            }
            return drops;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
