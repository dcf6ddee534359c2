package ua.vikno.pbx.sip.auth;

/**
 * A digest challenge carried in WWW-Authenticate (RFC 2617 section 3.2.1, RFC 3261 section 22.4):
 * always MD5 with qop=auth.
 *
 * @param stale true when the previous request had a valid digest over an expired or unknown nonce,
 *              so the client should retry with the new nonce without asking for a password again
 */
public record DigestChallenge(String realm, String nonce, String opaque, boolean stale) {

    /** The only algorithm offered. */
    public static final String ALGORITHM = "MD5";
    /** The only quality of protection offered. */
    public static final String QOP = "auth";
}
