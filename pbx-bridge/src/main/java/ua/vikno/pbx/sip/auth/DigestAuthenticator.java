package ua.vikno.pbx.sip.auth;

import java.util.Optional;
import java.util.function.Function;

import ua.vikno.config.Secret;

/**
 * Checks digest credentials against the configured lines (RFC 3261 section 22.4, RFC 2617 section 3.2.2).
 * Unknown users cost the same work and get the same answers as known users with a wrong password, so the
 * answers never reveal which lines exist.
 */
public final class DigestAuthenticator {
    /** The longest digest user name checked; longer ones are refused, so they never become the limiter's keys. */
    public static final int MAX_USERNAME_LENGTH = 64;

    private final String realm;
    private final Function<String, Optional<Secret>> passwords;
    private final Nonces nonces;
    private final NonceCounts counts;
    private final AuthFailureLimiter limiter;
    private final String opaque;
    private final String decoyPassword;

    /**
     * @param passwords     the password of a line by user name, empty for unknown users
     * @param counts        the nonce-counts seen, to refuse replays
     * @param opaque        the opaque value sent with every challenge (RFC 2617 section 3.2.1)
     * @param decoyPassword a random password digests of unknown users are computed with
     */
    public DigestAuthenticator(String realm, Function<String, Optional<Secret>> passwords, Nonces nonces,
                               NonceCounts counts, AuthFailureLimiter limiter, String opaque, String decoyPassword) {
        this.realm = realm;
        this.passwords = passwords;
        this.nonces = nonces;
        this.counts = counts;
        this.limiter = limiter;
        this.opaque = opaque;
        this.decoyPassword = decoyPassword;
    }

    public String realm() {
        return realm;
    }

    /**
     * Checks a request's credentials under the {@link AuthFailureLimiter}: failures count against the digest user
     * name at {@code source} (and against {@code source} as a whole). A user name longer than
     * {@link #MAX_USERNAME_LENGTH} is refused without being checked or counted.
     *
     * @param claimedUser who the request says it is (the To user of a REGISTER, the From user of an INVITE): the
     *                    user whose lockout applies while the request carries no credentials yet
     */
    public Authentication authenticate(String method, Optional<DigestCredentials> credentials, String claimedUser,
                                       String source) {
        if (credentials.isPresent() && credentials.get().username().length() > MAX_USERNAME_LENGTH) {
            return new Authentication.Refused("digest user name longer than " + MAX_USERNAME_LENGTH
                    + " characters: " + credentials.get().username().length());
        }
        String user = credentials.map(DigestCredentials::username).orElse(claimedUser);
        if (limiter.isLockedOut(user, source)) {
            return new Authentication.LockedOut(source);
        }
        if (credentials.isEmpty()) {
            return challenge(false);
        }
        DigestCredentials c = credentials.get();
        if (!verifies(method, c)) {
            return limiter.recordFailure(user, source) ? new Authentication.LockedOut(source) : challenge(false);
        }
        // A correct digest over an old, unknown or replayed nonce proves the password was known once:
        // ask for a retry with a new nonce, and count no failure.
        boolean fresh = nonces.check(c.nonce()) == Nonces.State.FRESH && firstUse(c);
        return fresh ? new Authentication.Authenticated(c.username()) : challenge(true);
    }

    /** Whether this nonce-count was not used before with this nonce (without qop there is no count to check). */
    private boolean firstUse(DigestCredentials c) {
        if (c.qop().isEmpty()) {
            return true;
        }
        try {
            return counts.advance(c.nonce(), Long.parseLong(c.nc().orElse(""), 16));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private boolean verifies(String method, DigestCredentials c) {
        Optional<Secret> password = passwords.apply(c.username());
        String ha1 = RequestDigest.ha1(c.username(), realm, password.map(Secret::value).orElse(decoyPassword));
        boolean digestMatches = RequestDigest.matches(RequestDigest.response(ha1, method, c), c.response());
        boolean wellFormed = realm.equals(c.realm())
                && c.algorithm().map(DigestChallenge.ALGORITHM::equalsIgnoreCase).orElse(true)
                && c.qop().map(DigestChallenge.QOP::equalsIgnoreCase).orElse(true)
                && (c.qop().isEmpty() || (c.nc().isPresent() && c.cnonce().isPresent()));
        return digestMatches && wellFormed && password.isPresent();
    }

    private Authentication challenge(boolean stale) {
        return new Authentication.Challenged(new DigestChallenge(realm, nonces.issue(), opaque, stale));
    }
}
