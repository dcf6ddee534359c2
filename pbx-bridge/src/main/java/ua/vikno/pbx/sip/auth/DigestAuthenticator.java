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
    private final String realm;
    private final Function<String, Optional<Secret>> passwords;
    private final Nonces nonces;
    private final AuthFailureLimiter limiter;
    private final String opaque;
    private final String decoyPassword;

    /**
     * @param passwords     the password of a line by user name, empty for unknown users
     * @param opaque        the opaque value sent with every challenge (RFC 2617 section 3.2.1)
     * @param decoyPassword a random password digests of unknown users are computed with
     */
    public DigestAuthenticator(String realm, Function<String, Optional<Secret>> passwords, Nonces nonces,
                               AuthFailureLimiter limiter, String opaque, String decoyPassword) {
        this.realm = realm;
        this.passwords = passwords;
        this.nonces = nonces;
        this.limiter = limiter;
        this.opaque = opaque;
        this.decoyPassword = decoyPassword;
    }

    public String realm() {
        return realm;
    }

    public Authentication authenticate(String method, Optional<DigestCredentials> credentials, String source) {
        if (limiter.isLockedOut(source)) {
            return new Authentication.LockedOut(source);
        }
        if (credentials.isEmpty()) {
            return challenge(false);
        }
        DigestCredentials c = credentials.get();
        if (!verifies(method, c)) {
            return limiter.recordFailure(source) ? new Authentication.LockedOut(source) : challenge(false);
        }
        // A correct digest over an old or unknown nonce proves the password: ask for a retry, count no failure.
        return nonces.check(c.nonce()) == Nonces.State.FRESH
                ? new Authentication.Authenticated(c.username())
                : challenge(true);
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
