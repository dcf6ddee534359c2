package ua.vikno.pbx.sip.internal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.TimeZone;

import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import ua.vikno.pbx.sip.SipFailure;
import ua.vikno.pbx.sip.auth.DigestChallenge;
import ua.vikno.pbx.sip.auth.DigestCredentials;
import ua.vikno.pbx.sip.registrar.Binding;
import ua.vikno.pbx.sip.registrar.ContactRequest;
import ua.vikno.pbx.sip.registrar.RegisterReply;
import ua.vikno.pbx.sip.registrar.RegisterRequest;

/** Turns a JAIN-SIP REGISTER into a {@link RegisterRequest} and a {@link RegisterReply} back into a response. */
public final class RegisterCodec {
    private final String realm;
    private final AddressFactory addresses;
    private final HeaderFactory headers;

    public RegisterCodec(String realm, AddressFactory addresses, HeaderFactory headers) {
        this.realm = realm;
        this.addresses = addresses;
        this.headers = headers;
    }

    public RegisterRequest decode(IncomingRequest in) {
        Request request = in.request();
        if (!(request.getRequestURI() instanceof SipURI requestUri)) {
            throw new SipFailure.BadRequest("Request-URI Must Be SIP");
        }
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        URI toUri = to == null ? null : to.getAddress().getURI();
        if (!(toUri instanceof SipURI toSip) || toSip.getUser() == null || toSip.getUser().isEmpty()) {
            throw new SipFailure.BadRequest("To Must Name A Line");
        }
        List<ContactRequest> contacts = new ArrayList<>();
        boolean wildcard = false;
        for (ListIterator<?> it = request.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            ContactHeader contact = (ContactHeader) it.next();
            if (contact.isWildCard()) {
                wildcard = true;
                continue;
            }
            int expires = contact.getExpires();
            contacts.add(new ContactRequest(contact.getAddress().getURI().toString(),
                    expires >= 0 ? Optional.of((long) expires) : Optional.empty()));
        }
        ExpiresHeader expires = request.getExpires();
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        return new RegisterRequest(requestUri.getHost(), toSip.getUser(), contacts, wildcard,
                expires == null ? Optional.empty() : Optional.of((long) expires.getExpires()),
                callId.getCallId(), cseq.getSeqNumber(), credentials(request), in.source(), in.address());
    }

    /** The Digest credentials for our realm, or else the first Digest credentials (RFC 3261 section 22.4). */
    private Optional<DigestCredentials> credentials(Request request) {
        AuthorizationHeader chosen = null;
        for (ListIterator<?> it = request.getHeaders(AuthorizationHeader.NAME); it.hasNext(); ) {
            AuthorizationHeader h = (AuthorizationHeader) it.next();
            if (!"Digest".equalsIgnoreCase(h.getScheme())) {
                continue;
            }
            if (chosen == null || realm.equals(h.getRealm())) {
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
            throw new SipFailure.BadRequest("Malformed Authorization");
        }
        return Optional.of(new DigestCredentials(username, realmSent, nonce, uri,
                response, param(chosen, "algorithm"), param(chosen, "qop"), param(chosen, "nc"),
                param(chosen, "cnonce"), param(chosen, "opaque")));
    }

    private static Optional<String> param(AuthorizationHeader h, String name) {
        return Optional.ofNullable(h.getParameter(name));
    }

    public void encode(RegisterReply reply, Response response) {
        try {
            if (reply instanceof RegisterReply.Registered ok) {
                for (Binding b : ok.bindings()) {
                    ContactHeader contact = headers.createContactHeader(addresses.createAddress(b.contact()));
                    contact.setExpires((int) Math.min(Integer.MAX_VALUE, b.secondsLeftAt(ok.now())));
                    response.addHeader(contact);
                }
                Calendar date = Calendar.getInstance(TimeZone.getTimeZone("GMT"));
                date.setTimeInMillis(ok.now().toEpochMilli());
                response.setHeader(headers.createDateHeader(date));
            } else if (reply instanceof RegisterReply.Challenge c) {
                response.setHeader(challenge(c.challenge()));
            } else if (reply instanceof RegisterReply.IntervalTooBrief brief) {
                response.setHeader(headers.createMinExpiresHeader((int) brief.minExpires().toSeconds()));
            }
        } catch (ParseException | javax.sip.InvalidArgumentException e) {
            throw new IllegalStateException("cannot encode " + reply, e);
        }
    }

    /** The status line of a reply. */
    public static int status(RegisterReply reply) {
        if (reply instanceof RegisterReply.Registered) {
            return Response.OK;
        } else if (reply instanceof RegisterReply.Challenge) {
            return Response.UNAUTHORIZED;
        } else if (reply instanceof RegisterReply.IntervalTooBrief) {
            return Response.INTERVAL_TOO_BRIEF;
        }
        return ((RegisterReply.Refused) reply).status();
    }

    /** The reason phrase of a reply, null for the standard one. */
    public static String reason(RegisterReply reply) {
        return reply instanceof RegisterReply.Refused refused ? refused.reason() : null;
    }

    private WWWAuthenticateHeader challenge(DigestChallenge c) throws ParseException {
        WWWAuthenticateHeader h = headers.createWWWAuthenticateHeader("Digest");
        h.setRealm(c.realm());
        h.setNonce(c.nonce());
        h.setOpaque(c.opaque());
        h.setAlgorithm(DigestChallenge.ALGORITHM);
        h.setQop(DigestChallenge.QOP);
        if (c.stale()) {
            h.setStale(true);
        }
        return h;
    }
}
