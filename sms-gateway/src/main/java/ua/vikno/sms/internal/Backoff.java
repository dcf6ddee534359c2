package ua.vikno.sms.internal;

import java.time.Duration;

/** Exponential back-off: {@code initial}, doubled per step, never above {@code max}. */
public record Backoff(Duration initial, Duration max) {

    /** The delay before retry number {@code step} (1 = first retry). */
    public Duration delay(int step) {
        long millis = initial.toMillis();
        for (int i = 1; i < step && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
