package ua.vikno.ivr;

import java.time.Duration;

/**
 * Runs a task once after a delay, on the caller's context; injected so that tests move fake time instead of
 * sleeping. The server backs it with {@code vertx.setTimer} ({@link VertxTimers}).
 */
public interface Timers {

    /** Runs {@code task} once after {@code delay}, unless the returned handle is cancelled first. */
    Handle schedule(Duration delay, Runnable task);

    /** A scheduled task; cancelling is idempotent and harmless after the task ran. */
    interface Handle {
        void cancel();

        /** A handle that does nothing, for "no timer running". */
        Handle NONE = () -> { };
    }
}
