package ua.vikno.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Arrival times as the kernel saw them: tcpdump on the loopback interface, nanosecond timestamps, RTP headers
 * only, toward the receiver's port. Unlike the receiving JVM's own clock reads, these do not include the time the
 * receiver takes to drain a tick's burst of 1,000 packets from one socket, nor its scheduling and GC: what is
 * left is the sender's jitter. Per stream (SSRC), {@code |gap - 20 ms|} between consecutive sequence numbers.
 */
final class KernelArrivals implements AutoCloseable {
    private final Path file;
    private final Process tcpdump;

    private KernelArrivals(Path file, Process tcpdump) {
        this.file = file;
        this.tcpdump = tcpdump;
    }

    /** Starts tcpdump (root, package tcpdump) for UDP to {@code port} on lo; empty if it cannot run. */
    static java.util.Optional<KernelArrivals> start(int port) {
        try {
            Path file = Files.createTempFile("vikno-ivr-prompts-", ".pcap");
            Path log = Files.createTempFile("vikno-tcpdump-", ".log");
            Process p = new ProcessBuilder("tcpdump", "-i", "lo", "-n", "-s", "64", "-B", "32768",
                    "--time-stamp-precision=nano", "-w", file.toString(), "udp and dst port " + port)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!Files.readString(log).contains("listening on") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return p.isAlive() ? java.util.Optional.of(new KernelArrivals(file, p)) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** Stops the capture and returns the figures as one line. */
    String stopAndReport() throws IOException, InterruptedException {
        tcpdump.destroy(); // SIGTERM: tcpdump flushes and closes the file
        tcpdump.waitFor(10, TimeUnit.SECONDS);
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        Files.deleteIfExists(file);
        if (in.remaining() < 24 || in.getInt(0) != 0xa1b23c4d) {
            return "kernel arrivals: no nanosecond pcap";
        }
        int linkType = in.getInt(20);
        int linkHeader = linkType == 1 ? 14 : linkType == 113 ? 16 : 0;
        in.position(24);
        Map<Long, long[]> last = new HashMap<>(); // ssrc -> {seq, nanos}
        long[] histogram = new long[100_001]; // microseconds, the last cell for anything longer
        long packets = 0;
        long measured = 0;
        while (in.remaining() >= 16) {
            long nanos = (in.getInt() & 0xffffffffL) * 1_000_000_000L + (in.getInt() & 0xffffffffL);
            int captured = in.getInt();
            in.getInt();
            int at = in.position();
            in.position(at + captured);
            int ip = at + linkHeader;
            int ihl = (in.get(ip) & 0x0f) * 4;
            int rtp = ip + ihl + 8;
            if (rtp + 12 > at + captured) {
                continue;
            }
            packets++;
            int seq = ((in.get(rtp + 2) & 0xff) << 8) | (in.get(rtp + 3) & 0xff);
            long ssrc = Integer.toUnsignedLong(in.order(ByteOrder.BIG_ENDIAN).getInt(rtp + 8));
            in.order(ByteOrder.LITTLE_ENDIAN);
            long[] previous = last.get(ssrc);
            if (previous != null && ((previous[0] + 1) & 0xffff) == seq) {
                long deviation = Math.abs(nanos - previous[1] - 20_000_000L) / 1000;
                histogram[(int) Math.min(deviation, histogram.length - 1)]++;
                measured++;
            }
            last.put(ssrc, new long[] {seq, nanos});
        }
        return String.format(Locale.ROOT, "kernel arrival times (tcpdump on lo): %d streams, %d packets, %d gaps; "
                        + "|inter-arrival - 20 ms| p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms",
                last.size(), packets, measured, percentile(histogram, measured, 0.5),
                percentile(histogram, measured, 0.99), percentile(histogram, measured, 0.999),
                percentile(histogram, measured, 1.0));
    }

    private static double percentile(long[] histogram, long total, double p) {
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (int us = 0; us < histogram.length; us++) {
            seen += histogram[us];
            if (seen >= rank) {
                return us / 1000.0;
            }
        }
        return Arrays.stream(histogram).sum() == 0 ? 0 : (histogram.length - 1) / 1000.0;
    }

    @Override
    public void close() {
        tcpdump.destroyForcibly();
    }
}
