package ua.vikno.ivr.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import ua.vikno.ivr.Timers;

/** A clock and timers that move only when a test says so; due tasks run in time order, on the test's thread. */
public final class FakeTime extends Clock implements Timers {
    private Instant now;
    private long sequence;
    private final List<Task> tasks = new ArrayList<>();

    public FakeTime(Instant start) {
        this.now = start;
    }

    /** Moves time forward by {@code step}, running every task that falls due, at its due time. */
    public void advance(Duration step) {
        Instant until = now.plus(step);
        while (true) {
            Task next = tasks.stream().filter(t -> !t.due.isAfter(until))
                    .min(Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.seq)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = next.due;
            next.task.run();
        }
        now = until;
    }

    public void advanceSeconds(long seconds) {
        advance(Duration.ofSeconds(seconds));
    }

    /** How many timers are waiting. */
    public int pending() {
        return tasks.size();
    }

    @Override
    public Handle schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay), sequence++, task);
        tasks.add(t);
        return () -> tasks.remove(t);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("FakeTime stays in UTC");
    }

    private record Task(Instant due, long seq, Runnable task) {
    }
}
