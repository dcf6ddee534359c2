package ua.vikno.pbx.rtp;

import java.util.BitSet;
import ua.vikno.config.Network;

/**
 * Hands out RTP/RTCP port pairs from the configured range: the RTP port even, RTCP the odd one above
 * (RFC 3550 section 11). Allocation goes round the range so a port just released is the last to be reused,
 * letting stray packets of an ended call die out. Thread-safe; its critical sections never block.
 */
public final class RtpPortPool {
    private final int portMin;
    private final int portMax;
    private final int firstPort;
    private final int pairs;
    private final BitSet inUse;
    private int cursor;

    public RtpPortPool(Network.Rtp config) {
        this(config.portMin(), config.portMax());
    }

    public RtpPortPool(int portMin, int portMax) {
        this.portMin = portMin;
        this.portMax = portMax;
        this.firstPort = portMin % 2 == 0 ? portMin : portMin + 1;
        this.pairs = Math.max(0, (portMax - firstPort + 1) / 2);
        if (pairs == 0 || firstPort < 2 || portMax > 65535) {
            throw new IllegalArgumentException("RTP port range " + portMin + "-" + portMax + " holds no even/odd pair");
        }
        this.inUse = new BitSet(pairs);
    }

    /** The next free pair, or {@link MediaFailure.PortsExhausted}. */
    public synchronized Outcome<RtpPorts> allocate() {
        int free = inUse.nextClearBit(cursor);
        if (free >= pairs) {
            free = inUse.nextClearBit(0);
        }
        if (free >= pairs) {
            return Outcome.failed(new MediaFailure.PortsExhausted(portMin, portMax, pairs));
        }
        inUse.set(free);
        cursor = (free + 1) % pairs;
        return Outcome.ok(new RtpPorts(firstPort + 2 * free));
    }

    /** Returns a pair to the pool; false if it was not allocated from here (already released, or foreign). */
    public synchronized boolean release(RtpPorts ports) {
        int index = (ports.rtp() - firstPort) / 2;
        if (ports.rtp() < firstPort || index >= pairs || !inUse.get(index)) {
            return false;
        }
        inUse.clear(index);
        return true;
    }

    public synchronized int inUse() {
        return inUse.cardinality();
    }

    /** How many pairs the range holds. */
    public int capacity() {
        return pairs;
    }
}
