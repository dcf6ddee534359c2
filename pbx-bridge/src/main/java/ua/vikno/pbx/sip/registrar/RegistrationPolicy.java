package ua.vikno.pbx.sip.registrar;

import java.time.Duration;

/**
 * Limits on registrations (RFC 3261 section 10.2.1.1 and 10.3 step 7).
 *
 * @param defaultExpiry used when neither the Contact nor the request says how long (3600 s in the RFC)
 * @param minExpiry     shorter non-zero requests get 423 Interval Too Brief
 * @param maxExpiry     longer requests are shortened to this
 * @param maxBindings   contacts one address-of-record may hold at once
 */
public record RegistrationPolicy(Duration defaultExpiry, Duration minExpiry, Duration maxExpiry, int maxBindings) {

    /** The policy for a configured maximum expiry: default 3600 s (capped), minimum 60 s (capped), 10 contacts. */
    public static RegistrationPolicy withMaxExpiry(Duration maxExpiry) {
        Duration hour = Duration.ofHours(1);
        Duration minute = Duration.ofMinutes(1);
        return new RegistrationPolicy(min(hour, maxExpiry), min(minute, maxExpiry), maxExpiry, 10);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
