package ua.vikno.pbx.sip.auth;

/** The outcome of checking a request's digest credentials (RFC 3261 section 22). */
public sealed interface Authentication {

    /** The credentials are right for {@code username} over a fresh nonce. */
    record Authenticated(String username) implements Authentication {
    }

    /** The request must be retried with credentials for this challenge (401). */
    record Challenged(DigestChallenge challenge) implements Authentication {
    }

    /** The user at this source address, or the whole address, is locked out after too many failures (403). */
    record LockedOut(String source) implements Authentication {
    }

    /** The credentials are refused outright, before they are checked or counted, for {@code reason} (403). */
    record Refused(String reason) implements Authentication {
    }
}
