package ua.vikno.pbx.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The MD5 request-digest of RFC 2617 section 3.2.2.1 (and RFC 7616 section 3.4.1 for MD5):
 * {@code KD(H(A1), nonce:nc:cnonce:qop:H(A2))} with qop=auth, or {@code KD(H(A1), nonce:H(A2))} without qop.
 */
public final class RequestDigest {
    private static final HexFormat HEX = HexFormat.of();

    private RequestDigest() {
    }

    /** H(A1) for algorithm MD5: {@code MD5(username:realm:password)}. */
    public static String ha1(String username, String realm, String password) {
        return md5(username + ":" + realm + ":" + password);
    }

    /** The response a client knowing {@code ha1} must send for {@code method} with {@code credentials}. */
    public static String response(String ha1, String method, DigestCredentials credentials) {
        String ha2 = md5(method + ":" + credentials.uri());
        if (credentials.qop().isPresent()) {
            return md5(ha1 + ":" + credentials.nonce() + ":" + credentials.nc().orElse("") + ":"
                    + credentials.cnonce().orElse("") + ":" + credentials.qop().get() + ":" + ha2);
        }
        return md5(ha1 + ":" + credentials.nonce() + ":" + ha2);
    }

    /** Compares two hex digests in constant time, ignoring case. */
    public static boolean matches(String expected, String actual) {
        if (actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    static String md5(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HEX.formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5", e);
        }
    }
}
