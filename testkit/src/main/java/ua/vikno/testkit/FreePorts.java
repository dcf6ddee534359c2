package ua.vikno.testkit;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/** Free loopback ports for tests: each call returns a port free for both TCP and UDP at the time of the call. */
public final class FreePorts {
    private static final AtomicInteger NEXT = new AtomicInteger(20000 + (int) (ProcessHandle.current().pid() % 200) * 100);

    private FreePorts() {
    }

    /** A port free on 127.0.0.1 for TCP and UDP. */
    public static int next() {
        for (int attempt = 0; attempt < 2000; attempt++) {
            int port = NEXT.getAndIncrement();
            if (port > 60000) {
                NEXT.set(20000);
                continue;
            }
            if (free(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port found on 127.0.0.1");
    }

    /** An even port whose odd neighbour is free too (RTP and RTCP). */
    public static int nextEvenPair() {
        for (int attempt = 0; attempt < 2000; attempt++) {
            int port = next();
            if (port % 2 == 0 && free(port + 1)) {
                NEXT.incrementAndGet();
                return port;
            }
        }
        throw new IllegalStateException("no free port pair found on 127.0.0.1");
    }

    /**
     * A media port for SIPp (its {@code -mp}): an even port whose next three (RTCP, and video's pair, which SIPp
     * binds too) no other peer of this JVM is given.
     */
    public static int sippMediaPorts() {
        int first = nextEvenPair();
        while (next() < first + 3) {
            // skip the ports SIPp will bind
        }
        return first;
    }

    public static boolean free(int port) {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.setReuseAddress(true); // as servers bind: TIME_WAIT connections do not count as taken
            tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            return false;
        }
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

}
