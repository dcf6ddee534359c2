package ua.vikno.pbx.rtp;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.pbx.rtp.internal.TickSchedule;

/**
 * The production {@link MediaClock}: one dedicated thread that wakes at fixed 20 ms deadlines measured from its
 * start with {@link Ticker} time, so the period does not drift. After a stall it catches up at most
 * {@value #MAX_CATCH_UP} ticks back to back and skips the rest. A failing subscriber is logged and left subscribed;
 * the others are not affected.
 */
public final class PacingMediaClock implements MediaClock, AutoCloseable {
    static final int MAX_CATCH_UP = 3;
    private static final Logger LOG = LoggerFactory.getLogger(PacingMediaClock.class);

    private final Ticker ticker;
    private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long ticks;
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
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** Ticks dispatched so far. */
    public long ticks() {
        return ticks;
    }

    /** Ticks skipped because the thread was late by more than the catch-up allowance. */
    public long skippedTicks() {
        return skipped;
    }

    private void run() {
        TickSchedule schedule = new TickSchedule(TICK.toNanos(), MAX_CATCH_UP, ticker.nanos());
        while (running) {
            long now = ticker.nanos();
            int due = schedule.due(now);
            if (due == 0) {
                LockSupport.parkNanos(schedule.nextDeadline() - now);
                continue;
            }
            for (int i = 0; i < due; i++) {
                dispatch(ticks);
                ticks++;
            }
            skipped = schedule.skipped();
        }
    }

    private void dispatch(long tick) {
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.onTick(tick);
            } catch (RuntimeException e) {
                LOG.warn("media clock subscriber {} failed on tick {}", subscriber, tick, e);
            }
        }
    }

    /** Stops the thread after its current tick; subscribers are dropped. */
    @Override
    public void close() {
        running = false;
        subscribers.clear();
        LockSupport.unpark(thread);
    }
}
