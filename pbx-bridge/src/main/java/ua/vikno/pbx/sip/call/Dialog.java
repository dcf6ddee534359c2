package ua.vikno.pbx.sip.call;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;

/**
 * The state of one dialog (RFC 3261 section 12): its identifiers, the remote target taken from the peer's
 * Contact, the route set taken from Record-Route, and our local sequence number. Builds the requests we send
 * inside it (section 12.2.1.1, loose routing only). Used on the engine's context.
 */
final class Dialog {
    private final String callId;
    private final Address local;
    private final String localTag;
    private final Address remote;
    private final String transport;
    private String remoteTag;
    private URI remoteTarget;
    private List<Address> routeSet = List.of();
    private long localSequence;

    private Dialog(String callId, Address local, String localTag, Address remote, String remoteTag, URI remoteTarget,
                   String transport, long localSequence) {
        this.callId = callId;
        this.local = local;
        this.localTag = localTag;
        this.remote = remote;
        this.remoteTag = remoteTag;
        this.remoteTarget = remoteTarget;
        this.transport = transport;
        this.localSequence = localSequence;
    }

    /** A new random tag (section 19.3). */
    static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | 1L << 60);
    }

    /** The UAS side of a dialog created by {@code invite} (section 12.1.1): route set in Record-Route order. */
    static Dialog asServer(Request invite, String localTag, String transport) {
        FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) invite.getHeader(ToHeader.NAME);
        Dialog d = new Dialog(((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId(), to.getAddress(),
                localTag, from.getAddress(), from.getTag(), contactOf(invite, invite.getRequestURI()), transport,
                ThreadLocalRandom.current().nextInt(1, 1 << 16));
        d.routeSet = recordRoutes(invite);
        return d;
    }

    /** The UAC side before any response (section 12.1.2 completes it on the first response with a To tag). */
    static Dialog asClient(String callId, Address local, Address remote, URI target, String transport,
                           long sequence) {
        return new Dialog(callId, local, newTag(), remote, null, target, transport, sequence);
    }

    /** Takes the remote tag, target and reversed route set from a response that creates the dialog. */
    void confirmAsClient(Message response) {
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        remoteTag = to.getTag();
        remoteTarget = contactOf(response, remoteTarget);
        List<Address> routes = new ArrayList<>(recordRoutes(response));
        Collections.reverse(routes);
        routeSet = routes;
    }

    /** A target refresh: a re-INVITE may carry a new Contact (section 12.2.2). */
    void refreshTarget(Request request) {
        remoteTarget = contactOf(request, remoteTarget);
    }

    String callId() {
        return callId;
    }

    String localTag() {
        return localTag;
    }

    String remoteTag() {
        return remoteTag;
    }

    String transport() {
        return transport;
    }

    long localSequence() {
        return localSequence;
    }

    /** A request inside the dialog with the next local CSeq, except ACK, which reuses the INVITE's (section 13.2.2.4). */
    Request request(String method, SipOutbound out) {
        long sequence = method.equals(Request.ACK) ? localSequence : ++localSequence;
        return build(method, sequence, out);
    }

    /** The first INVITE of a UAC dialog. */
    Request invite(SipOutbound out) {
        return build(Request.INVITE, localSequence, out);
    }

    private Request build(String method, long sequence, SipOutbound out) {
        HeaderFactory h = out.headers();
        try {
            CallIdHeader callIdHeader = h.createCallIdHeader(callId);
            CSeqHeader cseq = h.createCSeqHeader(sequence, method);
            FromHeader from = h.createFromHeader(local, localTag);
            ToHeader to = h.createToHeader(remote, remoteTag);
            Request request = out.messages().createRequest((URI) remoteTarget.clone(), method, callIdHeader, cseq,
                    from, to, out.via(transport), h.createMaxForwardsHeader(70));
            for (Address route : routeSet) {
                request.addHeader(h.createRouteHeader(route));
            }
            return request;
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("cannot build " + method + " in dialog " + callId, e);
        }
    }

    private static URI contactOf(Message message, URI otherwise) {
        ContactHeader contact = (ContactHeader) message.getHeader(ContactHeader.NAME);
        return contact == null || contact.getAddress() == null ? otherwise : contact.getAddress().getURI();
    }

    private static List<Address> recordRoutes(Message message) {
        List<Address> routes = new ArrayList<>();
        for (ListIterator<?> it = message.getHeaders(RecordRouteHeader.NAME); it.hasNext(); ) {
            routes.add(((RecordRouteHeader) it.next()).getAddress());
        }
        return routes;
    }

}
