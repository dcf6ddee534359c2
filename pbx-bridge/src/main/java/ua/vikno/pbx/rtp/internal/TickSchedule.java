package ua.vikno.pbx.rtp.internal;

/**
 * Fixed-rate deadlines {@code origin + n * period}: lateness of one wake-up never shifts the later ones, so a
 * paced stream keeps its average rate. Pure arithmetic over the times it is given.
 */
public final class TickSchedule {
    private final long period;
    private final int maxCatchUp;
    private final long origin;
    private long next = 1;
    private long skipped;

    /**
     * @param maxCatchUp the most ticks dispatched back to back after a stall; older ones are skipped
     */
    public TickSchedule(long periodNanos, int maxCatchUp, long originNanos) {
        this.period = periodNanos;
        this.maxCatchUp = maxCatchUp;
        this.origin = originNanos;
    }

    public long nextDeadline() {
        return origin + next * period;
    }

    /** The number of the next deadline, counting from 1; the ticks {@link #due} returned are the ones just before. */
    public long next() {
        return next;
    }

    /** Starts again from the first deadline after {@code nowNanos} without counting the ones passed as skipped. */
    public void resume(long nowNanos) {
        if (nowNanos - nextDeadline() >= 0) {
            next = (nowNanos - origin) / period + 1;
        }
    }

    /** How many ticks to dispatch now: 0 before the next deadline, else those passed, at most the catch-up limit. */
    public int due(long nowNanos) {
        if (nowNanos - nextDeadline() < 0) {
            return 0;
        }
        long passed = (nowNanos - nextDeadline()) / period + 1;
        next += passed;
        if (passed > maxCatchUp) {
            skipped += passed - maxCatchUp;
            return maxCatchUp;
        }
        return (int) passed;
    }

    public long skipped() {
        return skipped;
    }
}
