package ua.vikno.pbx.rtp;

import java.time.Duration;

/**
 * The one shared 20 ms ticker that paces every stream a node sends, instead of a timer per call. A tick is cut into
 * {@value #SLOTS} slots of 1 ms and every subscriber is called once a tick, always in the same slot: a node's
 * packets leave spread over the tick, a slot's worth at a time, and each stream keeps an exact 20 ms spacing.
 * Subscribers run on the clock's own thread: they must be quick and never block.
 */
public interface MediaClock {
    /** The packetisation interval of every stream we send (RFC 3551 section 4.2, ptime 20). */
    Duration TICK = Duration.ofMillis(20);

    /** The slots a tick is cut into, 1 ms each. */
    int SLOTS = 20;

    /** Calls {@code subscriber} on every tick, in a slot the clock chooses to spread the load, until cancelled. */
    Subscription subscribe(Subscriber subscriber);

    /**
     * Calls {@code subscriber} on every tick in slot {@code phase} modulo {@value #SLOTS}, until cancelled. A stream
     * that passes the same phase for every prompt (its SSRC) keeps its pacing from one prompt to the next.
     */
    Subscription subscribe(Subscriber subscriber, long phase);

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
