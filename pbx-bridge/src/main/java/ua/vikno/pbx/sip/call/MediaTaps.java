package ua.vikno.pbx.sip.call;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import ua.vikno.pbx.Leg;
import ua.vikno.pbx.MediaTap;
import ua.vikno.pbx.rtp.MediaClock;

/**
 * Delivers a call's audio to its taps: on every tick of the shared media clock one 160-sample frame per leg, the
 * last one received since the previous tick or silence, both legs under the same frame number. Runs on the media
 * clock's thread, so every tap of a call sees its frames from one thread, in order. Subscribes to the clock only
 * while it has taps.
 */
final class MediaTaps {
    private static final int FRAME = 160;

    private final MediaClock clock;
    private final CopyOnWriteArrayList<MediaTap> taps = new CopyOnWriteArrayList<>();
    private final AtomicReference<short[]> caller = new AtomicReference<>();
    private final AtomicReference<short[]> callee = new AtomicReference<>();
    private final short[] callerFrame = new short[FRAME];
    private final short[] calleeFrame = new short[FRAME];
    private MediaClock.Subscription subscription;
    private long frame;
    private boolean closed;

    MediaTaps(MediaClock clock) {
        this.clock = clock;
    }

    /** Whether any tap is subscribed, so that received audio is worth decoding. */
    boolean listening() {
        return !taps.isEmpty();
    }

    /** A frame received from {@code leg} (on the session's context). */
    void onAudio(Leg leg, short[] samples) {
        if (!taps.isEmpty()) {
            (leg == Leg.CALLER ? caller : callee).set(samples);
        }
    }

    synchronized MediaTap.Subscription add(MediaTap tap) {
        if (closed) {
            tap.onClose();
            return () -> { };
        }
        taps.add(tap);
        if (subscription == null) {
            subscription = clock.subscribe(this::onTick);
        }
        return () -> remove(tap);
    }

    private synchronized void remove(MediaTap tap) {
        if (taps.remove(tap)) {
            tap.onClose();
        }
        if (taps.isEmpty() && subscription != null) {
            subscription.cancel();
            subscription = null;
        }
    }

    /** Closes every tap once; later taps are closed at once. */
    synchronized void close() {
        closed = true;
        if (subscription != null) {
            subscription.cancel();
            subscription = null;
        }
        for (MediaTap tap : taps) {
            taps.remove(tap);
            tap.onClose();
        }
    }

    private void onTick(long tick) {
        fill(callerFrame, caller.getAndSet(null));
        fill(calleeFrame, callee.getAndSet(null));
        long n = frame++;
        for (MediaTap tap : taps) {
            tap.onFrame(Leg.CALLER, n, callerFrame);
            tap.onFrame(Leg.CALLEE, n, calleeFrame);
        }
    }

    private static void fill(short[] frame, short[] received) {
        if (received == null) {
            java.util.Arrays.fill(frame, (short) 0);
        } else {
            System.arraycopy(received, 0, frame, 0, Math.min(FRAME, received.length));
        }
    }
}
