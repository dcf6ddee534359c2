package ua.vikno.pbx.sip.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * The client side of digest authentication (RFC 3261 section 22.2, RFC 2617 section 3.2.2): answers a
 * provider's challenge with our username and password. With {@code qop} offered it chooses {@code auth}, a fresh
 * client nonce and nonce count {@code 00000001}; without it, the RFC 2069 form.
 */
public final class DigestClient {
    private final String username;
    private final String password;

    public DigestClient(String username, String password) {
        this.username = username;
        this.password = password;
    }

    /** A challenge as received in WWW-Authenticate or Proxy-Authenticate. */
    public record Challenge(String realm, String nonce, Optional<String> opaque, Optional<String> qop,
                            Optional<String> algorithm) {

        /** Whether we can answer it: MD5 (or no algorithm), and qop absent or offering {@code auth}. */
        public boolean answerable() {
            boolean md5 = algorithm.map(a -> a.equalsIgnoreCase("MD5")).orElse(true);
            boolean auth = qop.map(q -> java.util.Arrays.stream(q.split(","))
                    .anyMatch(v -> v.strip().toLowerCase(Locale.ROOT).equals("auth"))).orElse(true);
            return md5 && auth;
        }
    }

    /** The credentials answering {@code challenge} for {@code method} on {@code uri}. */
    public DigestCredentials answer(Challenge challenge, String method, String uri, String cnonce) {
        boolean qop = challenge.qop().isPresent();
        DigestCredentials unsigned = new DigestCredentials(username, challenge.realm(), challenge.nonce(), uri, "",
                Optional.of("MD5"), qop ? Optional.of("auth") : Optional.empty(),
                qop ? Optional.of("00000001") : Optional.empty(), qop ? Optional.of(cnonce) : Optional.empty(),
                challenge.opaque());
        String response = RequestDigest.response(RequestDigest.ha1(username, challenge.realm(), password), method,
                unsigned);
        return new DigestCredentials(username, challenge.realm(), challenge.nonce(), uri, response,
                unsigned.algorithm(), unsigned.qop(), unsigned.nc(), unsigned.cnonce(), unsigned.opaque());
    }
}
