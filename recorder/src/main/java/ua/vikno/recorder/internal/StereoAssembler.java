package ua.vikno.recorder.internal;

import java.io.IOException;

import ua.vikno.pbx.Leg;

/**
 * Puts the frames of both legs side by side by frame index: the caller on the left, the callee on the right. A leg
 * without a frame in a tick, and ticks without any frame (lost or dropped), become silence, so the two channels
 * stay aligned with the call's clock. Frames older than the current tick are late and skipped.
 */
public final class StereoAssembler {
    private final WavWriter out;
    private final long maxGapTicks;
    private long current = -1;
    private short[] left;
    private short[] right;
    private long late;
    private long gapsClipped;

    /** @param maxGapTicks the longest run of silence written for a jump in frame numbers (a guard against a bogus index) */
    public StereoAssembler(WavWriter out, long maxGapTicks) {
        this.out = out;
        this.maxGapTicks = maxGapTicks;
    }

    public void accept(TapFrame f) throws IOException {
        if (current < 0) {
            current = f.index();
        } else if (f.index() < current) {
            late++;
            return;
        } else if (f.index() > current) {
            advanceTo(f.index());
        }
        if (f.leg() == Leg.CALLER) {
            left = f.samples();
        } else {
            right = f.samples();
        }
    }

    /** Writes the pending tick and silence up to and including frame {@code last} (frames seen but dropped). */
    public void finish(long last) throws IOException {
        if (current < 0) {
            return;
        }
        if (last > current) {
            advanceTo(last + 1);
        } else {
            emit();
        }
    }

    public long lateFrames() {
        return late;
    }

    public long clippedGaps() {
        return gapsClipped;
    }

    private void advanceTo(long index) throws IOException {
        emit();
        long gap = index - current - 1;
        if (gap > maxGapTicks) {
            gapsClipped++;
            gap = maxGapTicks;
        }
        if (gap > 0) {
            out.silence(gap);
        }
        current = index;
    }

    private void emit() throws IOException {
        out.tick(left, right);
        left = null;
        right = null;
    }
}
