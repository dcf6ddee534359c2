package ua.vikno.pbx.sip.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brute-force protection for digest authentication: after {@code maxFailures} failed authentications from one
 * source address within {@code window}, that address is refused for {@code lockout}. Only the address is
 * locked, never the line, so the owner of a line keeps working from elsewhere (RFC 3261 section 26.3.2.4
 * leaves denial-of-service defences to the implementation).
 */
public final class AuthFailureLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(AuthFailureLimiter.class);
    private static final int SWEEP_THRESHOLD = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Source> sources = new HashMap<>();
    private long failures;
    private long lockouts;

    public AuthFailureLimiter(int maxFailures, Duration window, Duration lockout, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, got " + maxFailures);
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** Whether requests from {@code address} are refused right now. */
    public synchronized boolean isLockedOut(String address) {
        Source source = sources.get(address);
        return source != null && source.lockedUntil != null && clock.instant().isBefore(source.lockedUntil);
    }

    /**
     * Counts one failed authentication from {@code address}.
     *
     * @return true if this failure locked the address out
     */
    public synchronized boolean recordFailure(String address) {
        Instant now = clock.instant();
        failures++;
        if (sources.size() >= SWEEP_THRESHOLD) {
            sweep(now);
        }
        Source source = sources.computeIfAbsent(address, a -> new Source());
        source.forget(now.minus(window));
        source.failures.addLast(now);
        if (source.failures.size() >= maxFailures) {
            source.failures.clear();
            source.lockedUntil = now.plus(lockout);
            lockouts++;
            LOG.warn("SIP source {} locked out for {} after {} failed authentications within {}",
                    address, lockout, maxFailures, window);
            return true;
        }
        return false;
    }

    /** Failed authentications counted since start. */
    public synchronized long failures() {
        return failures;
    }

    /** Times a source address was locked out since start. */
    public synchronized long lockouts() {
        return lockouts;
    }

    private void sweep(Instant now) {
        Instant horizon = now.minus(window);
        sources.values().removeIf(s -> {
            s.forget(horizon);
            return s.failures.isEmpty() && (s.lockedUntil == null || !now.isBefore(s.lockedUntil));
        });
    }

    private static final class Source {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant lockedUntil;

        void forget(Instant horizon) {
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(horizon)) {
                failures.removeFirst();
            }
        }
    }
}
