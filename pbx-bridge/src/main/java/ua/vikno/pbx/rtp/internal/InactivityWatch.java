package ua.vikno.pbx.rtp.internal;

import java.time.Duration;
import ua.vikno.pbx.rtp.Ticker;

/**
 * Detects a stream that went silent: {@link #check()} fires its action once when no packet was accepted for the
 * timeout. The session calls {@code check} from a periodic timer; tests call it after moving a fake ticker.
 */
public final class InactivityWatch {
    private final Ticker ticker;
    private final long timeoutNanos;
    private final Runnable onInactive;
    private long lastActivity;
    private boolean fired;

    public InactivityWatch(Ticker ticker, Duration timeout, Runnable onInactive) {
        this.ticker = ticker;
        this.timeoutNanos = timeout.toNanos();
        this.onInactive = onInactive;
        this.lastActivity = ticker.nanos();
    }

    public void onActivity(long nowNanos) {
        lastActivity = nowNanos;
    }

    /** Fires the action if the timeout passed since the last activity; true if it has fired (now or before). */
    public boolean check() {
        if (!fired && ticker.nanos() - lastActivity >= timeoutNanos) {
            fired = true;
            onInactive.run();
        }
        return fired;
    }

    /** How often to call {@link #check()}: a quarter of the timeout, at most a second, at least 10 ms. */
    public static Duration checkInterval(Duration timeout) {
        return Duration.ofMillis(Math.max(10, Math.min(1000, timeout.toMillis() / 4)));
    }
}
