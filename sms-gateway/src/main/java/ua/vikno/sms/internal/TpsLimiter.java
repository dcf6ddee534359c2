package ua.vikno.sms.internal;

import ua.vikno.sms.Ticker;

/**
 * Spaces submits evenly to at most {@code tps} per second (0 = no limit): each reservation gets the next
 * free slot and learns how long to wait for it. No burst beyond one slot, so the SMSC never sees a spike.
 */
public final class TpsLimiter {
    private final Ticker ticker;
    private final long spacingNanos;
    private long nextFree;

    public TpsLimiter(int tps, Ticker ticker) {
        if (tps < 0) {
            throw new IllegalArgumentException("tps must be >= 0, was " + tps);
        }
        this.ticker = ticker;
        this.spacingNanos = tps == 0 ? 0 : 1_000_000_000L / tps;
        this.nextFree = ticker.nanos();
    }

    public boolean unlimited() {
        return spacingNanos == 0;
    }

    /** Reserves one submit; returns the nanoseconds to wait before doing it (0 = now). */
    public synchronized long reserve() {
        if (spacingNanos == 0) {
            return 0;
        }
        long now = ticker.nanos();
        long slot = Math.max(now, nextFree);
        nextFree = slot + spacingNanos;
        return slot - now;
    }
}
