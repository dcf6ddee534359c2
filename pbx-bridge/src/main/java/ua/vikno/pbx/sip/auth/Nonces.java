package ua.vikno.pbx.sip.auth;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server nonces (RFC 2617 section 3.2.1, RFC 7616 section 3.3) that carry their own issue time and an
 * HMAC-SHA256 tag under a per-engine key, so checking one needs no stored state. A nonce lives for a
 * configured lifetime; after that it is {@link State#STALE}.
 */
public final class Nonces {
    private static final int TAG_BYTES = 16;
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    /** What a nonce presented by a client turns out to be. */
    public enum State {
        /** Issued by this engine and within its lifetime. */
        FRESH,
        /** Issued by this engine, but its lifetime is over. */
        STALE,
        /** Not issued by this engine (another key, a restart, or made up). */
        FOREIGN
    }

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;

    public Nonces(byte[] key, Duration lifetime, Clock clock) {
        if (key.length < 16) {
            throw new IllegalArgumentException("nonce key must have at least 16 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A new nonce stamped with the current time. */
    public String issue() {
        long issuedAt = clock.millis();
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES + TAG_BYTES);
        buffer.putLong(issuedAt).put(tag(issuedAt));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    public State check(String nonce) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return State.FOREIGN;
        }
        if (raw.length != Long.BYTES + TAG_BYTES) {
            return State.FOREIGN;
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        long issuedAt = buffer.getLong();
        byte[] tag = Arrays.copyOfRange(raw, Long.BYTES, raw.length);
        if (!MessageDigest.isEqual(tag, tag(issuedAt))) {
            return State.FOREIGN;
        }
        Instant issued = Instant.ofEpochMilli(issuedAt);
        Instant now = clock.instant();
        if (issued.isAfter(now.plus(CLOCK_SKEW))) {
            return State.FOREIGN;
        }
        return issued.plus(lifetime).isAfter(now) ? State.FRESH : State.STALE;
    }

    private byte[] tag(long issuedAt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(issuedAt).array()), TAG_BYTES);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
