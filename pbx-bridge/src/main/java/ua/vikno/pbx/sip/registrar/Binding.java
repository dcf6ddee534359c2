package ua.vikno.pbx.sip.registrar;

import java.time.Duration;
import java.time.Instant;

/**
 * One binding of an address-of-record to a contact address (RFC 3261 section 10.3), with the Call-ID and CSeq
 * of the REGISTER that last set it, so out-of-order requests can be told apart (step 7).
 *
 * @param contact the contact URI, compared as text
 * @param source  where the REGISTER came from, as {@code transport:address:port}
 */
public record Binding(String aor, String contact, Instant expiresAt, String callId, long cseq, String source) {

    public boolean isExpiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /** Whole seconds left, rounded up, as the expires parameter of a 200 OK Contact (section 10.3 step 8). */
    public long secondsLeftAt(Instant now) {
        Duration left = Duration.between(now, expiresAt);
        return left.isNegative() ? 0 : (left.toMillis() + 999) / 1000;
    }
}
