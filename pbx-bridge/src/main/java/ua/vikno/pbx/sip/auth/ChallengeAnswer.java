package ua.vikno.pbx.sip.auth;

import java.text.ParseException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.ListIterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Answers a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate) from a provider (RFC 3261 section 22.2): the
 * request is sent again with Authorization or Proxy-Authorization computed by a {@link DigestClient}. One instance
 * serves one request and its retries: each realm is answered once, and again only when the provider says our
 * digest was right but its nonce stale (RFC 2617 section 3.2.1), at most {@value #MAX_STALE_RETRIES} times. A
 * challenge without stale=true for a realm we already answered means the credentials are wrong (RFC 3261 section
 * 22.2), whatever nonce it carries: providers that issue a fresh nonce with every 401/407 would otherwise be asked
 * forever.
 */
public final class ChallengeAnswer {
    /** Retries a request may get after challenges marked stale=true. */
    public static final int MAX_STALE_RETRIES = 2;

    private final DigestClient client;
    private final HeaderFactory headers;
    private final Set<String> answeredRealms = new HashSet<>();
    private int staleRetries;

    public ChallengeAnswer(DigestClient client, HeaderFactory headers) {
        this.client = client;
        this.headers = headers;
    }

    /** Whether {@code status} is a challenge this class answers. */
    public static boolean isChallenge(int status) {
        return status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED;
    }

    /**
     * Adds our credentials for {@code challenge} to {@code retry} (a new request with the next CSeq); false when
     * the challenge cannot be answered, or when it refuses credentials already sent for its realm (not stale).
     */
    public boolean authorize(Response challenge, Request retry) {
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        Optional<WWWAuthenticateHeader> offered = digestChallenge(challenge,
                proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
        if (offered.isEmpty()) {
            return false;
        }
        WWWAuthenticateHeader h = offered.get();
        DigestClient.Challenge c = new DigestClient.Challenge(h.getRealm(), h.getNonce(),
                Optional.ofNullable(h.getOpaque()), Optional.ofNullable(h.getQop()),
                Optional.ofNullable(h.getAlgorithm()));
        if (c.realm() == null || c.nonce() == null || !c.answerable()) {
            return false;
        }
        if (answeredRealms.contains(c.realm())) {
            if (!h.isStale() || staleRetries >= MAX_STALE_RETRIES) {
                return false;
            }
            staleRetries++;
        }
        answeredRealms.add(c.realm());
        String cnonce = HexFormat.of().formatHex(longBytes(ThreadLocalRandom.current().nextLong()));
        DigestCredentials d = client.answer(c, retry.getMethod(), retry.getRequestURI().toString(), cnonce);
        try {
            AuthorizationHeader a = proxy ? headers.createProxyAuthorizationHeader("Digest")
                    : headers.createAuthorizationHeader("Digest");
            a.setUsername(d.username());
            a.setRealm(d.realm());
            a.setNonce(d.nonce());
            a.setURI(retry.getRequestURI());
            a.setResponse(d.response());
            a.setAlgorithm("MD5");
            if (d.qop().isPresent()) {
                a.setQop(d.qop().get());
                a.setNonceCount(1);
                a.setCNonce(d.cnonce().orElseThrow());
            }
            if (d.opaque().isPresent()) {
                a.setOpaque(d.opaque().get());
            }
            retry.setHeader(a);
            return true;
        } catch (ParseException e) {
            return false;
        }
    }

    private static Optional<WWWAuthenticateHeader> digestChallenge(Response response, String name) {
        for (ListIterator<?> it = response.getHeaders(name); it.hasNext(); ) {
            WWWAuthenticateHeader h = (WWWAuthenticateHeader) it.next();
            if ("Digest".equalsIgnoreCase(h.getScheme())) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    private static byte[] longBytes(long v) {
        return java.nio.ByteBuffer.allocate(8).putLong(v).array();
    }
}
