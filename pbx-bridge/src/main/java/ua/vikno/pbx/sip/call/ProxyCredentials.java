package ua.vikno.pbx.sip.call;

import java.text.ParseException;
import java.util.ListIterator;
import java.util.Optional;

import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.Request;

import ua.vikno.pbx.sip.SipFailure;
import ua.vikno.pbx.sip.auth.DigestChallenge;
import ua.vikno.pbx.sip.auth.DigestCredentials;

/**
 * Digest authentication of a call from a line as a proxy-style challenge (RFC 3261 section 22.3): credentials
 * from Proxy-Authorization, the challenge in Proxy-Authenticate of a 407.
 */
final class ProxyCredentials {
    private final String realm;
    private final HeaderFactory headers;

    ProxyCredentials(String realm, HeaderFactory headers) {
        this.realm = realm;
        this.headers = headers;
    }

    /** The Digest credentials for our realm, else the first Digest credentials (section 22.4). */
    Optional<DigestCredentials> read(Request request) {
        ProxyAuthorizationHeader chosen = null;
        for (ListIterator<?> it = request.getHeaders(ProxyAuthorizationHeader.NAME); it.hasNext(); ) {
            ProxyAuthorizationHeader h = (ProxyAuthorizationHeader) it.next();
            if ("Digest".equalsIgnoreCase(h.getScheme()) && (chosen == null || realm.equals(h.getRealm()))) {
                chosen = h;
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        String username = chosen.getParameter("username");
        String realmSent = chosen.getParameter("realm");
        String nonce = chosen.getParameter("nonce");
        String uri = chosen.getParameter("uri");
        String response = chosen.getParameter("response");
        if (username == null || realmSent == null || nonce == null || uri == null || response == null) {
            throw new SipFailure.BadRequest("Malformed Proxy-Authorization");
        }
        return Optional.of(new DigestCredentials(username, realmSent, nonce, uri, response,
                param(chosen, "algorithm"), param(chosen, "qop"), param(chosen, "nc"), param(chosen, "cnonce"),
                param(chosen, "opaque")));
    }

    ProxyAuthenticateHeader challenge(DigestChallenge c) {
        try {
            ProxyAuthenticateHeader h = headers.createProxyAuthenticateHeader("Digest");
            h.setRealm(c.realm());
            h.setNonce(c.nonce());
            h.setOpaque(c.opaque());
            h.setAlgorithm(DigestChallenge.ALGORITHM);
            h.setQop(DigestChallenge.QOP);
            if (c.stale()) {
                h.setStale(true);
            }
            return h;
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> param(ProxyAuthorizationHeader h, String name) {
        return Optional.ofNullable(h.getParameter(name));
    }
}
