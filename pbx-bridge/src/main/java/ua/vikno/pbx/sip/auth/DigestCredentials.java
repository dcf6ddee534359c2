package ua.vikno.pbx.sip.auth;

import java.util.Optional;

/**
 * The digest credentials a client sent in an Authorization header (RFC 2617 section 3.2.2, RFC 7616 section 3.4).
 * Values are kept exactly as sent, because the request digest is computed over them.
 *
 * @param algorithm the algorithm named by the client; absent means MD5
 * @param qop       the quality of protection the client chose; absent only for RFC 2069 clients
 * @param nc        the nonce count as sent (8 hex digits), present with qop
 * @param cnonce    the client nonce, present with qop
 */
public record DigestCredentials(String username, String realm, String nonce, String uri, String response,
                                Optional<String> algorithm, Optional<String> qop, Optional<String> nc,
                                Optional<String> cnonce, Optional<String> opaque) {
}
