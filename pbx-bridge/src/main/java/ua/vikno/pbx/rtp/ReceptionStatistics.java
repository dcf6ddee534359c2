package ua.vikno.pbx.rtp;

import java.time.Duration;

/**
 * Reception statistics of one RTP source: sequence tracking with wrap-around and restart detection
 * (RFC 3550 appendix A.1), expected and lost packets (A.3) and interarrival jitter (A.8). Arrival times come from
 * the caller, so tests use crafted times. Not thread-safe: feed it from one context.
 */
public final class ReceptionStatistics {
    static final int MAX_DROPOUT = 3000;
    static final int MAX_MISORDER = 100;
    static final int SEQ_MOD = 1 << 16;

    private final int clockRate;
    private boolean started;
    private int baseSeq;
    private int maxSeq;
    private long cycles;
    private int badSeq;
    private long received;
    private boolean timed;
    private long lastArrivalNanos;
    private long lastTimestamp;
    private double jitter;

    /** @param clockRate the RTP clock rate of the source's payload, 8000 for G.711 */
    public ReceptionStatistics(int clockRate) {
        this.clockRate = clockRate;
    }

    /** Counts a media packet and updates the jitter from its RTP timestamp and arrival time. */
    public void onPacket(int sequenceNumber, long timestamp, long arrivalNanos) {
        if (count(sequenceNumber)) {
            updateJitter(timestamp, arrivalNanos);
        }
    }

    /**
     * Counts a packet whose timestamp says nothing about its sending time, such as an RFC 4733 event update
     * (all packets of one event share the event's start timestamp).
     */
    public void onUntimedPacket(int sequenceNumber) {
        count(sequenceNumber);
    }

    /** RFC 3550 A.1 update_seq: false for a packet after a large jump, until the next one confirms it. */
    private boolean count(int seq) {
        if (!started) {
            restart(seq);
            started = true;
        } else {
            int delta = (seq - maxSeq) & 0xffff;
            if (delta < MAX_DROPOUT) {
                if (seq < maxSeq) {
                    cycles += SEQ_MOD;
                }
                maxSeq = seq;
            } else if (delta <= SEQ_MOD - MAX_MISORDER) {
                if (seq != badSeq) {
                    badSeq = (seq + 1) & 0xffff;
                    return false;
                }
                restart(seq);
            }
        }
        received++;
        return true;
    }

    private void restart(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        timed = false;
    }

    /** RFC 3550 A.8: J += (|D(i-1,i)| - J) / 16, with D from arrival and RTP timestamp differences. */
    private void updateJitter(long timestamp, long arrivalNanos) {
        if (timed) {
            double arrivalDelta = (arrivalNanos - lastArrivalNanos) * (double) clockRate / 1e9;
            int timestampDelta = (int) (timestamp - lastTimestamp);
            double d = Math.abs(arrivalDelta - timestampDelta);
            jitter += (d - jitter) / 16;
        }
        timed = true;
        lastArrivalNanos = arrivalNanos;
        lastTimestamp = timestamp;
    }

    /** A snapshot of the figures so far. */
    public ReceptionReport report() {
        if (!started) {
            return new ReceptionReport(0, 0, 0, 0, 0, Duration.ZERO);
        }
        long extendedMax = cycles + maxSeq;
        long expected = extendedMax - baseSeq + 1;
        return new ReceptionReport(received, expected, expected - received, extendedMax, jitter,
                Duration.ofNanos(Math.round(jitter * 1e9 / clockRate)));
    }
}
