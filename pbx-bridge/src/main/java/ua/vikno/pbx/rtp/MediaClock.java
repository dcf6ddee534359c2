package ua.vikno.pbx.rtp;

import java.time.Duration;

/**
 * The one shared 20 ms ticker that paces every playback of a node, instead of a timer per call. Subscribers run
 * on the clock's own thread: they must be quick and never block.
 */
public interface MediaClock {
    /** The packetisation interval of every stream we send (RFC 3551 section 4.2, ptime 20). */
    Duration TICK = Duration.ofMillis(20);

    /** Calls {@code subscriber} on every tick until the returned subscription is cancelled. */
    Subscription subscribe(Subscriber subscriber);

    /** Something paced by the clock, such as a playback. */
    @FunctionalInterface
    interface Subscriber {
        /** @param tick the clock's tick number, one more every 20 ms */
        void onTick(long tick);
    }

    /** A subscription; cancelling twice is harmless. */
    @FunctionalInterface
    interface Subscription {
        void cancel();
    }
}
