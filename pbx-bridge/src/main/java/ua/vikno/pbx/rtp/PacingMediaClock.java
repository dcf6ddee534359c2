package ua.vikno.pbx.rtp;

import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.pbx.rtp.internal.TickSchedule;
import ua.vikno.pbx.rtp.internal.TickSlots;

/**
 * The production {@link MediaClock}: one dedicated thread that wakes at fixed 1 ms deadlines measured from its start
 * with {@link Ticker} time, so the period does not drift, and calls the subscribers of that slot. A 20 ms tick's
 * packets therefore leave in twenty small bursts instead of one large one, and a stream's place in its burst
 * barely moves from tick to tick: that is what keeps the receivers' jitter under a millisecond with 1,000 streams.
 * After a stall it catches up at most {@value #MAX_CATCH_UP} ticks of slots back to back and skips the rest. With no
 * subscriber at all it sleeps until one comes. A failing subscriber is logged and left subscribed; the others are
 * not affected.
 */
public final class PacingMediaClock implements MediaClock, AutoCloseable {
    static final int MAX_CATCH_UP = 3;
    private static final long SLOT_NANOS = TICK.toNanos() / SLOTS;
    private static final long IDLE_NANOS = 5 * TICK.toNanos();
    private static final Logger LOG = LoggerFactory.getLogger(PacingMediaClock.class);

    private final Ticker ticker;
    private final TickSlots<Subscriber> slots = new TickSlots<>(SLOTS);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long skipped;

    public PacingMediaClock(Ticker ticker) {
        this.ticker = ticker;
        this.thread = new Thread(this::run, "vikno-media-clock");
        this.thread.setDaemon(true);
        this.thread.setPriority(Thread.MAX_PRIORITY);
    }

    /** Starts the clock thread; call once. */
    public PacingMediaClock start() {
        thread.start();
        return this;
    }

    @Override
    public Subscription subscribe(Subscriber subscriber) {
        return woken(slots.deal(subscriber));
    }

    @Override
    public Subscription subscribe(Subscriber subscriber, long phase) {
        return woken(slots.add(subscriber, phase));
    }

    /** Wakes the idle thread for the first subscriber after none (of concurrent ones, exactly one is first). */
    private Subscription woken(TickSlots.Added added) {
        if (added.first()) {
            LockSupport.unpark(thread);
        }
        return added.remove()::run;
    }

    public int subscriberCount() {
        return slots.size();
    }

    /**
     * Slots skipped because the thread was late by more than the catch-up allowance: each cost the streams of that
     * slot one frame.
     */
    public long skippedSlots() {
        return skipped;
    }

    private void run() {
        TickSchedule schedule = new TickSchedule(SLOT_NANOS, MAX_CATCH_UP * SLOTS, ticker.nanos());
        while (running) {
            if (slots.size() == 0) {
                LockSupport.parkNanos(IDLE_NANOS);
                schedule.resume(ticker.nanos());
                continue;
            }
            long now = ticker.nanos();
            int due = schedule.due(now);
            if (due == 0) {
                LockSupport.parkNanos(schedule.nextDeadline() - now);
                continue;
            }
            for (long n = schedule.next() - due; n < schedule.next(); n++) {
                dispatch(n - 1);
            }
            skipped = schedule.skipped();
        }
    }

    /** Slot {@code index} counts from the clock's start: tick {@code index / SLOTS}, slot {@code index % SLOTS}. */
    private void dispatch(long index) {
        long tick = index / SLOTS;
        for (Subscriber subscriber : slots.at((int) (index % SLOTS))) {
            try {
                subscriber.onTick(tick);
            } catch (RuntimeException e) {
                LOG.warn("media clock subscriber {} failed on tick {}", subscriber, tick, e);
            }
        }
    }

    /** Stops the thread after its current slot. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}
