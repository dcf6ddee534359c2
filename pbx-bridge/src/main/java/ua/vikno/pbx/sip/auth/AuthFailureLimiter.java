package ua.vikno.pbx.sip.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brute-force protection for digest authentication (RFC 3261 section 26.3.2.4 leaves denial-of-service defences
 * to the implementation), at two levels:
 * <ul>
 * <li>after {@code maxFailures} failed authentications of one claimed user from one source address within
 *     {@code window}, that user is refused from that address for {@code lockout}: a softphone with a wrong
 *     password behind an office's NAT locks out its own line, never its neighbours';</li>
 * <li>once {@link #SCANNER_FACTOR} &times; {@code maxFailures} distinct user names (20 with the default
 *     {@code max-auth-failures} of 5) have failed from one address within {@code window}, the whole address is
 *     refused for {@code lockout}: a scanner tries many names, while an office behind one NAT has a few phones
 *     with stale passwords, each of which only locks out its own line however often it retries.</li>
 * </ul>
 * A line is never locked everywhere, so its owner keeps working from elsewhere.
 */
public final class AuthFailureLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(AuthFailureLimiter.class);
    /** Entries tracked at most per level, so that failures from very many addresses cannot exhaust memory. */
    public static final int DEFAULT_MAX_SOURCES = 100_000;
    /** How many times {@code maxFailures} distinct user names may fail from an address before it is locked whole. */
    public static final int SCANNER_FACTOR = 4;

    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;
    private final Clock clock;
    private final FailureTable<UserAt> users;
    private final FailureTable<String> addresses;
    private long failures;
    private long lockouts;

    public AuthFailureLimiter(int maxFailures, Duration window, Duration lockout, Clock clock) {
        this(maxFailures, window, lockout, clock, DEFAULT_MAX_SOURCES);
    }

    /**
     * @param maxSources user-address pairs, and addresses, tracked at most; beyond it, expired entries go first,
     *                   then the oldest that are not locked out, then the oldest of all
     */
    public AuthFailureLimiter(int maxFailures, Duration window, Duration lockout, Clock clock, int maxSources) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, got " + maxFailures);
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
        this.clock = clock;
        this.users = new FailureTable<>(maxSources);
        this.addresses = new FailureTable<>(maxSources);
    }

    /** A user name as claimed by a request from one source address. */
    private record UserAt(String user, String address) {
    }

    /** Whether requests of {@code user} from {@code address} are refused right now (the user, or the address). */
    public synchronized boolean isLockedOut(String user, String address) {
        Instant now = clock.instant();
        return addresses.isLockedAt(address, now) || users.isLockedAt(new UserAt(user, address), now);
    }

    /** Whether every request from {@code address} is refused right now, whatever its user. */
    public synchronized boolean isAddressLockedOut(String address) {
        return addresses.isLockedAt(address, clock.instant());
    }

    /**
     * Counts one failed authentication of {@code user} from {@code address}.
     *
     * @return true if this failure locked out the user at that address, or the whole address
     */
    public synchronized boolean recordFailure(String user, String address) {
        Instant now = clock.instant();
        failures++;
        // Every failure of a user is its own mark; an address's marks are the user names that failed from it.
        boolean userLocked = users.record(new UserAt(user, address), failures, now, maxFailures);
        boolean addressLocked = addresses.record(address, user, now, SCANNER_FACTOR * maxFailures);
        if (userLocked) {
            lockouts++;
            LOG.warn("SIP user {} locked out from {} for {} after {} failed authentications within {}",
                    user, address, lockout, maxFailures, window);
        }
        if (addressLocked) {
            lockouts++;
            LOG.warn("SIP source {} locked out for {} after failed authentications of {} user names within {}",
                    address, lockout, SCANNER_FACTOR * maxFailures, window);
        }
        return userLocked || addressLocked;
    }

    /** Failed authentications counted since start. */
    public synchronized long failures() {
        return failures;
    }

    /** Times a user at an address, or a whole address, was locked out since start. */
    public synchronized long lockouts() {
        return lockouts;
    }

    /** Tracked user-address pairs and addresses, for tests and metrics. */
    public synchronized int trackedSources() {
        return users.size() + addresses.size();
    }

    /**
     * Recent failures and lockouts per key, bounded in size. A key's failures carry marks and count once per distinct
     * mark within the window.
     */
    private final class FailureTable<K> {
        private final int maxEntries;
        private final LinkedHashMap<K, Entry> entries = new LinkedHashMap<>();

        FailureTable(int maxEntries) {
            this.maxEntries = maxEntries;
        }

        boolean isLockedAt(K key, Instant now) {
            Entry entry = entries.get(key);
            return entry != null && entry.isLockedAt(now);
        }

        /** Counts a failure; true if it is the one that brings {@code limit} marks and locks the key out. */
        boolean record(K key, Object mark, Instant now, int limit) {
            Entry entry = entries.get(key);
            if (entry == null) {
                if (entries.size() >= maxEntries) {
                    makeRoom(now);
                }
                entry = new Entry();
                entries.put(key, entry);
            }
            entry.forget(now.minus(window));
            // Removed first, so that the marks stay in the order of their last failure.
            entry.failures.remove(mark);
            entry.failures.put(mark, now);
            if (entry.failures.size() >= limit) {
                entry.failures.clear();
                entry.lockedUntil = now.plus(lockout);
                return true;
            }
            return false;
        }

        int size() {
            return entries.size();
        }

        private void makeRoom(Instant now) {
            Instant horizon = now.minus(window);
            entries.values().removeIf(e -> {
                e.forget(horizon);
                return e.failures.isEmpty() && !e.isLockedAt(now);
            });
            Iterator<Entry> oldest = entries.values().iterator();
            while (entries.size() >= maxEntries && oldest.hasNext()) {
                if (!oldest.next().isLockedAt(now)) {
                    oldest.remove();
                }
            }
            oldest = entries.values().iterator();
            while (entries.size() >= maxEntries && oldest.hasNext()) {
                oldest.next();
                oldest.remove();
            }
        }
    }

    private static final class Entry {
        /** The last failure of each mark, oldest first. */
        final LinkedHashMap<Object, Instant> failures = new LinkedHashMap<>();
        Instant lockedUntil;

        boolean isLockedAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }

        void forget(Instant horizon) {
            Iterator<Instant> oldest = failures.values().iterator();
            while (oldest.hasNext() && !oldest.next().isAfter(horizon)) {
                oldest.remove();
            }
        }
    }
}
