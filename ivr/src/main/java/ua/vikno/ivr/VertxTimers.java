package ua.vikno.ivr;

import java.time.Duration;

import io.vertx.core.Vertx;

/** {@link Timers} on Vert.x timers: tasks run on the context that scheduled them. */
public final class VertxTimers implements Timers {
    private final Vertx vertx;

    public VertxTimers(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Handle schedule(Duration delay, Runnable task) {
        long id = vertx.setTimer(Math.max(1, delay.toMillis()), ignored -> task.run());
        return () -> vertx.cancelTimer(id);
    }
}
