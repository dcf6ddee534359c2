package ua.vikno.server.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Locks a login name from one source address out for a while after repeated failed logins: {@code maxFailures}
 * failures within {@code window} lock it for {@code lockout}; a successful login forgets the failures.
 */
public final class LoginThrottle {
    private static final int PURGE_ABOVE = 10_000;

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;
    private final Map<String, Attempts> attempts = new HashMap<>();

    /** Failures of one login name from one address. */
    private record Attempts(int failures, Instant firstAt, Optional<Instant> lockedUntil) {
    }

    public LoginThrottle(Clock clock, int maxFailures, Duration window, Duration lockout) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
    }

    /** The defaults: 5 failures within 15 minutes lock out for 15 minutes. */
    public static LoginThrottle defaults(Clock clock) {
        return new LoginThrottle(clock, 5, Duration.ofMinutes(15), Duration.ofMinutes(15));
    }

    /** How long {@code login} from {@code address} stays locked out, if it is. */
    public synchronized Optional<Duration> lockedFor(String login, String address) {
        Instant now = clock.instant();
        Attempts a = attempts.get(key(login, address));
        if (a == null || a.lockedUntil().isEmpty() || !a.lockedUntil().get().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, a.lockedUntil().get()));
    }

    /** Counts a failed login; returns the lockout it starts, if this failure was one too many. */
    public synchronized Optional<Duration> onFailure(String login, String address) {
        Instant now = clock.instant();
        purgeIfLarge(now);
        String key = key(login, address);
        Attempts a = attempts.get(key);
        if (a == null || a.firstAt().plus(window).isBefore(now) || a.lockedUntil().isPresent()) {
            a = new Attempts(0, now, Optional.empty());
        }
        int failures = a.failures() + 1;
        if (failures >= maxFailures) {
            attempts.put(key, new Attempts(failures, a.firstAt(), Optional.of(now.plus(lockout))));
            return Optional.of(lockout);
        }
        attempts.put(key, new Attempts(failures, a.firstAt(), Optional.empty()));
        return Optional.empty();
    }

    public synchronized void onSuccess(String login, String address) {
        attempts.remove(key(login, address));
    }

    private void purgeIfLarge(Instant now) {
        if (attempts.size() > PURGE_ABOVE) {
            attempts.values().removeIf(a -> a.firstAt().plus(window).isBefore(now)
                    && a.lockedUntil().map(until -> until.isBefore(now)).orElse(true));
        }
    }

    private static String key(String login, String address) {
        return login.toLowerCase(java.util.Locale.ROOT) + "\u0000" + address;
    }
}
