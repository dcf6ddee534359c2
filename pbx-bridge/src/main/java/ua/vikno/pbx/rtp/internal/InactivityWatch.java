package ua.vikno.pbx.rtp.internal;

import io.vertx.core.Vertx;
import java.time.Duration;
import ua.vikno.pbx.rtp.Ticker;

/**
 * Detects a stream that went silent: {@link #check()} fires its action once when no packet was accepted for the
 * timeout. Armed, a periodic timer on the caller's context calls {@code check}; tests call it after moving a fake
 * ticker.
 */
public final class InactivityWatch {
    private final Ticker ticker;
    private final long timeoutNanos;
    private final Runnable onInactive;
    private long lastActivity;
    private Phase phase = Phase.WATCHING;
    private long timer = -1;

    /** Whether silence counts. */
    private enum Phase {
        /** Media is expected: silence for the timeout fires the action. */
        WATCHING,
        /** The peer is not meant to send (we are sendonly or inactive, e.g. on hold): silence is fine. */
        PAUSED,
        /** The action has fired; it never fires again. */
        FIRED
    }

    public InactivityWatch(Ticker ticker, Duration timeout, Runnable onInactive) {
        this.ticker = ticker;
        this.timeoutNanos = timeout.toNanos();
        this.onInactive = onInactive;
        this.lastActivity = ticker.nanos();
    }

    /** Restarts the timeout now and checks it periodically; call on the context the action should run on. */
    public void arm(Vertx vertx) {
        lastActivity = ticker.nanos();
        timer = vertx.setPeriodic(Math.max(10, Math.min(1000, timeoutNanos / 4_000_000)), id -> {
            if (check()) {
                vertx.cancelTimer(id);
            }
        });
    }

    public void disarm(Vertx vertx) {
        vertx.cancelTimer(timer);
    }

    public void onActivity(long nowNanos) {
        lastActivity = nowNanos;
    }

    /** Whether the peer is meant to send (the SDP direction lets us receive); the timeout restarts on resuming. */
    public void expectMedia(boolean expected) {
        if (phase == Phase.PAUSED && expected) {
            lastActivity = ticker.nanos();
            phase = Phase.WATCHING;
        } else if (phase == Phase.WATCHING && !expected) {
            phase = Phase.PAUSED;
        }
    }

    /** Fires the action if the timeout passed since the last activity; true if it has fired (now or before). */
    public boolean check() {
        if (phase == Phase.WATCHING && ticker.nanos() - lastActivity >= timeoutNanos) {
            phase = Phase.FIRED;
            onInactive.run();
        }
        return phase == Phase.FIRED;
    }
}
