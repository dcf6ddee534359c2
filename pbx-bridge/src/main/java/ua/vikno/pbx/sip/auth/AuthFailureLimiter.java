package ua.vikno.pbx.sip.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;

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
    /** Source addresses tracked at most, so that failures from very many addresses cannot exhaust memory. */
    public static final int DEFAULT_MAX_SOURCES = 100_000;

    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;
    private final Clock clock;
    private final int maxSources;
    private final LinkedHashMap<String, Source> sources = new LinkedHashMap<>();
    private long failures;
    private long lockouts;

    public AuthFailureLimiter(int maxFailures, Duration window, Duration lockout, Clock clock) {
        this(maxFailures, window, lockout, clock, DEFAULT_MAX_SOURCES);
    }

    /**
     * @param maxSources addresses tracked at most; beyond it, expired entries go first, then the oldest
     *                   addresses that are not locked out, then the oldest of all
     */
    public AuthFailureLimiter(int maxFailures, Duration window, Duration lockout, Clock clock, int maxSources) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, got " + maxFailures);
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
        this.clock = clock;
        this.maxSources = maxSources;
    }

    /** Whether requests from {@code address} are refused right now. */
    public synchronized boolean isLockedOut(String address) {
        Source source = sources.get(address);
        return source != null && source.isLockedAt(clock.instant());
    }

    /**
     * Counts one failed authentication from {@code address}.
     *
     * @return true if this failure locked the address out
     */
    public synchronized boolean recordFailure(String address) {
        Instant now = clock.instant();
        failures++;
        Source source = sources.get(address);
        if (source == null) {
            if (sources.size() >= maxSources) {
                makeRoom(now);
            }
            source = new Source();
            sources.put(address, source);
        }
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

    /** Tracked addresses, for tests and metrics. */
    public synchronized int trackedSources() {
        return sources.size();
    }

    private void makeRoom(Instant now) {
        Instant horizon = now.minus(window);
        sources.values().removeIf(s -> {
            s.forget(horizon);
            return s.failures.isEmpty() && !s.isLockedAt(now);
        });
        Iterator<Source> oldest = sources.values().iterator();
        while (sources.size() >= maxSources && oldest.hasNext()) {
            if (!oldest.next().isLockedAt(now)) {
                oldest.remove();
            }
        }
        oldest = sources.values().iterator();
        while (sources.size() >= maxSources && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    private static final class Source {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant lockedUntil;

        boolean isLockedAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }

        void forget(Instant horizon) {
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(horizon)) {
                failures.removeFirst();
            }
        }
    }
}
