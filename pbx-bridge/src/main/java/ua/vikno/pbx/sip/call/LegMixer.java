package ua.vikno.pbx.sip.call;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import ua.vikno.pbx.AudioInjection;
import ua.vikno.pbx.rtp.MediaClock;
import ua.vikno.pbx.rtp.MediaFormat;
import ua.vikno.pbx.rtp.RtpPacket;
import ua.vikno.pbx.rtp.RtpSession;

/**
 * What one leg hears while audio is injected toward it (whisper, barge): on every media clock tick, the last frame
 * the other leg sent (or silence) plus every injection's next frame, clipped, encoded in the leg's G.711 law and
 * sent as our own RTP stream (a mixer, RFC 3550 section 7.1, with its own SSRC). While it is active the
 * packet-by-packet relay toward the leg stands aside. Runs on the media clock's thread.
 */
final class LegMixer {
    private static final int FRAME = 160;
    /** At most one second of injected audio waits; older frames are dropped. */
    private static final int MAX_QUEUED = 50;

    private final MediaClock clock;
    private final CopyOnWriteArrayList<Injection> injections = new CopyOnWriteArrayList<>();
    private final AtomicReference<short[]> heard = new AtomicReference<>();
    private final long ssrc = ThreadLocalRandom.current().nextLong(1L << 32);
    private volatile RtpSession target;
    private MediaClock.Subscription subscription;
    private int sequence = ThreadLocalRandom.current().nextInt(1 << 16);
    private long timestamp = ThreadLocalRandom.current().nextLong(1L << 32);
    private boolean first = true;

    LegMixer(MediaClock clock) {
        this.clock = clock;
    }

    /** The session of the leg that hears the mix; null while it has none. */
    void target(RtpSession session) {
        this.target = session;
    }

    boolean active() {
        return !injections.isEmpty();
    }

    /** A frame the other leg sent toward this one. */
    void onHeard(short[] samples) {
        if (active()) {
            heard.set(samples);
        }
    }

    synchronized AudioInjection add() {
        Injection injection = new Injection();
        injections.add(injection);
        if (subscription == null) {
            subscription = clock.subscribe(tick -> onTick(), ssrc);
        }
        return injection;
    }

    private synchronized void remove(Injection injection) {
        injections.remove(injection);
        if (injections.isEmpty() && subscription != null) {
            subscription.cancel();
            subscription = null;
        }
    }

    /** Stops mixing for good; pushes after this are dropped. */
    synchronized void close() {
        injections.clear();
        if (subscription != null) {
            subscription.cancel();
            subscription = null;
        }
    }

    private void onTick() {
        RtpSession session = target;
        if (session == null) {
            return;
        }
        short[] base = heard.getAndSet(null);
        int[] sum = new int[FRAME];
        if (base != null) {
            for (int i = 0; i < Math.min(FRAME, base.length); i++) {
                sum[i] = base[i];
            }
        }
        for (Injection injection : injections) {
            short[] frame = injection.queue.poll();
            if (frame != null) {
                for (int i = 0; i < Math.min(FRAME, frame.length); i++) {
                    sum[i] += frame[i];
                }
            }
        }
        MediaFormat format = session.format();
        byte[] payload = new byte[FRAME];
        for (int i = 0; i < FRAME; i++) {
            payload[i] = format.codec().encode((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum[i])));
        }
        session.relay(new RtpPacket(first, format.payloadType(), sequence, timestamp, ssrc, List.of(),
                Optional.empty(), payload, 0));
        first = false;
        sequence = (sequence + 1) & 0xffff;
        timestamp = (timestamp + FRAME) & 0xffff_ffffL;
    }

    /** One injection: frames pushed by the supervisor, taken one per tick. */
    private final class Injection implements AudioInjection {
        private final ConcurrentLinkedQueue<short[]> queue = new ConcurrentLinkedQueue<>();
        private volatile boolean closed;

        @Override
        public void push(short[] samples) {
            if (closed) {
                return;
            }
            queue.add(samples.clone());
            while (queue.size() > MAX_QUEUED) {
                queue.poll();
            }
        }

        @Override
        public void close() {
            closed = true;
            remove(this);
        }
    }
}
