package ua.vikno.pbx.sip.call;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;

import javax.sip.ClientTransaction;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.pbx.sip.auth.ChallengeAnswer;
import ua.vikno.pbx.sip.internal.IncomingRequest;
import ua.vikno.pbx.sip.internal.Responder;

/**
 * The called side of a B2BUA call: the user agent client of an INVITE we send to one contact (RFC 3261 section
 * 13.2), then of its dialog. It owns the transitions of {@link State}; outcomes go to its {@link Listener}.
 * Runs on the engine's context.
 */
final class ClientLeg implements SipLeg, CallerSide {
    private static final Logger LOG = LoggerFactory.getLogger(ClientLeg.class);

    /** Where the INVITE client side is. */
    enum State {
        /** INVITE sent, no provisional response with a tag yet. */
        CALLING,
        /** A provisional response came (section 13.2.2.1): ringing or early media. */
        EARLY,
        /** We sent CANCEL (section 9.1) and wait for the INVITE's final response. */
        CANCELLING,
        /** A 2xx came and was acknowledged: the dialog is confirmed. */
        CONFIRMED,
        /** Failed, cancelled, or ended by BYE. */
        TERMINATED
    }

    /** What the call learns from this leg. */
    interface Listener {
        void onRinging(ClientLeg leg);

        /** A provisional response with an SDP answer: the callee's early media (RFC 3261 section 13.2.1). */
        default void onEarlyMedia(ClientLeg leg, String sdp) {
        }

        /** A 2xx with this SDP body (possibly empty). */
        void onAnswered(ClientLeg leg, String sdp);

        /** A final non-2xx, or 408 when the transaction timed out. */
        void onFailed(ClientLeg leg, int status);

        void onCalleeBye(ClientLeg leg);

        String onCalleeReOffer(ClientLeg leg, String offer);

        void onCalleeInfo(ClientLeg leg, String contentType, String body);

        /** The callee asked to transfer the caller to {@code target} (a user part); false declines it. */
        default boolean onCalleeRefer(ClientLeg leg, String target) {
            return false;
        }
    }

    private final String contact;
    private final Dialog dialog;
    private final SipOutbound out;
    private final Responder responder;
    private final CallRegistry registry;
    private final java.util.List<javax.sip.header.Header> extraHeaders = new java.util.ArrayList<>();
    private ChallengeAnswer credentials;
    private String offer;
    private Request latestInvite;
    private Listener listener;
    private State state = State.CALLING;
    private ClientTransaction transaction;
    private boolean provisional;
    private boolean earlyMedia;
    private boolean cancelWhenProvisional;
    private final ReferSubscription transfers;

    /**
     * @param contact the registered contact URI to ring
     * @param from    our From address (the caller as the callee should see it)
     * @param to      the address-of-record of the callee
     */
    ClientLeg(String contact, Address from, Address to, SipOutbound out, Responder responder, CallRegistry registry,
              Listener listener) {
        this.contact = contact;
        this.out = out;
        this.responder = responder;
        this.registry = registry;
        this.listener = listener;
        try {
            URI target = out.addresses().createURI(contact);
            String transport = target instanceof SipURI sip && sip.getTransportParam() != null
                    ? sip.getTransportParam() : "udp";
            this.dialog = Dialog.asClient(out.newCallId().getCallId(), from, to, target, transport, 1);
        } catch (ParseException e) {
            throw new IllegalArgumentException("contact " + contact + " is not a URI", e);
        }
        this.transfers = new ReferSubscription(dialog, out, responder);
    }

    @Override
    public String callId() {
        return dialog.callId();
    }

    /** Hands the leg's later events to another listener (an originated call once it is answered). */
    void listener(Listener listener) {
        this.listener = listener;
    }

    String contact() {
        return contact;
    }

    State state() {
        return state;
    }

    /** Answers the callee's 401/407 (a provider's trunk) with these credentials (section 22.2); before {@link #invite}. */
    ClientLeg authenticating(ChallengeAnswer answer) {
        this.credentials = answer;
        return this;
    }

    /** Adds {@code header} to every INVITE of this leg (such as P-Asserted-Identity toward a trunk). */
    ClientLeg with(javax.sip.header.Header header) {
        extraHeaders.add(header);
        return this;
    }

    /** Sends the INVITE with our SDP offer (section 13.2.1). */
    void invite(String sdp) {
        this.offer = sdp;
        registry.add(this);
        send(withBody(dialog.invite(out)));
    }

    private Request withBody(Request invite) {
        try {
            invite.addHeader(out.contact("vikno", dialog.transport()));
            for (javax.sip.header.Header h : extraHeaders) {
                invite.addHeader(h);
            }
            invite.setContent(offer, out.headers().createContentTypeHeader("application", "sdp"));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        return invite;
    }

    /**
     * Sends the INVITE again with credentials for the challenge (section 22.2: same Call-ID and From tag, next
     * CSeq); false when there are none or the challenge was answered already.
     */
    private boolean retryWithCredentials(Response challenge) {
        if (credentials == null || state != State.CALLING || !ChallengeAnswer.isChallenge(challenge.getStatusCode())) {
            return false;
        }
        Request retry = withBody(dialog.request(Request.INVITE, out));
        if (!credentials.authorize(challenge, retry)) {
            return false;
        }
        provisional = false;
        transaction = null;
        LOG.info("INVITE to {} challenged with {}: sent again with credentials", contact, challenge.getStatusCode());
        send(retry);
        return true;
    }

    private void send(Request invite) {
        latestInvite = invite;
        out.send(invite).onComplete(sent -> {
            if (sent.succeeded() && invite != latestInvite) {
                return; // the transaction of an INVITE that was challenged and sent again
            }
            if (sent.succeeded()) {
                transaction = sent.result();
                if (cancelWhenProvisional && provisional) {
                    sendCancel();
                }
            } else if (state != State.TERMINATED) {
                LOG.warn("INVITE to {} not sent: {}", contact, sent.cause().toString());
                terminate();
                listener.onFailed(this, Response.SERVICE_UNAVAILABLE);
            }
        });
    }

    /** Gives up ringing: CANCEL once a provisional response came (section 9.1), else as soon as one comes. */
    void cancel() {
        if (state == State.CALLING || state == State.EARLY) {
            state = State.CANCELLING;
            if (provisional && transaction != null) {
                sendCancel();
            } else {
                cancelWhenProvisional = true;
            }
        }
    }

    /** An answered leg is told of nothing while another party rings. */
    @Override
    public void ring() {
    }

    @Override
    public void end(int statusIfUnanswered) {
        end();
    }

    /** Ends the leg: BYE when confirmed, CANCEL while ringing. */
    void end() {
        if (state == State.CONFIRMED) {
            terminate();
            out.send(dialog.request(Request.BYE, out))
                    .onFailure(e -> LOG.warn("BYE to {} not sent: {}", contact, e.toString()));
        } else {
            cancel();
        }
    }

    private void sendCancel() {
        cancelWhenProvisional = false;
        out.cancel(transaction).onFailure(e -> LOG.debug("CANCEL to {} not sent: {}", contact, e.toString()));
    }

    @Override
    public void onResponse(Response response) {
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (!Request.INVITE.equals(cseq.getMethod())) {
            return;
        }
        int status = response.getStatusCode();
        if (status >= 300 && latestInvite != null
                && cseq.getSeqNumber() != ((CSeqHeader) latestInvite.getHeader(CSeqHeader.NAME)).getSeqNumber()) {
            return; // a late answer to an INVITE we already sent again with credentials
        }
        if (status < 200) {
            provisional = true;
            if (state == State.CANCELLING && cancelWhenProvisional && transaction != null) {
                sendCancel();
            } else if (state == State.CALLING && status > 100) {
                state = State.EARLY;
                listener.onRinging(this);
            }
            byte[] raw = response.getRawContent();
            if (state == State.EARLY && status > 100 && !earlyMedia && raw != null && raw.length > 0) {
                earlyMedia = true;
                listener.onEarlyMedia(this, new String(raw, StandardCharsets.UTF_8));
            }
        } else if (status < 300) {
            onSuccess(response);
        } else if (retryWithCredentials(response)) {
            return;
        } else if (state != State.TERMINATED && state != State.CONFIRMED) {
            terminate(); // the stack acknowledges a non-2xx itself (section 17.1.1.3)
            listener.onFailed(this, status);
        }
    }

    /** A 2xx: always acknowledged (section 13.2.2.4); a late one after CANCEL is ended at once with BYE. */
    private void onSuccess(Response response) {
        if (state == State.CONFIRMED) {
            out.sendStateless(dialog.request(Request.ACK, out)); // a retransmitted 2xx
            return;
        }
        dialog.confirmAsClient(response);
        out.sendStateless(dialog.request(Request.ACK, out));
        if (state == State.CANCELLING || state == State.TERMINATED) {
            state = State.CONFIRMED;
            end();
            return;
        }
        state = State.CONFIRMED;
        byte[] raw = response.getRawContent();
        listener.onAnswered(this, raw == null ? "" : new String(raw, StandardCharsets.UTF_8));
    }

    @Override
    public void onTimeout(Request request) {
        if (Request.INVITE.equals(request.getMethod()) && state != State.CONFIRMED && state != State.TERMINATED) {
            terminate();
            listener.onFailed(this, Response.REQUEST_TIMEOUT);
        }
    }

    @Override
    public void onBye(IncomingRequest bye) {
        responder.reply(bye, Response.OK, null);
        if (state == State.CONFIRMED) {
            terminate();
            listener.onCalleeBye(this);
        }
    }

    @Override
    public void onReOffer(IncomingRequest request) {
        if (state != State.CONFIRMED) {
            responder.reply(request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        dialog.refreshTarget(request.request());
        byte[] raw = request.request().getRawContent();
        String answer = listener.onCalleeReOffer(this, raw == null ? "" : new String(raw, StandardCharsets.UTF_8));
        if (answer == null) {
            responder.reply(request, Response.NOT_ACCEPTABLE_HERE, null);
            return;
        }
        Response ok = responder.create(request, Response.OK, null);
        try {
            ok.setHeader(out.contact("vikno", dialog.transport()));
            ok.setContent(answer, out.headers().createContentTypeHeader("application", "sdp"));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        responder.send(request, ok);
    }

    @Override
    public void onInfo(IncomingRequest info) {
        responder.reply(info, Response.OK, null);
        ContentTypeHeader type = (ContentTypeHeader) info.request().getHeader(ContentTypeHeader.NAME);
        byte[] raw = info.request().getRawContent();
        if (type != null && raw != null) {
            listener.onCalleeInfo(this, type.getContentType() + "/" + type.getContentSubType(),
                    new String(raw, StandardCharsets.UTF_8));
        }
    }

    /** A blind transfer (RFC 3515), handled by the dialog's {@link ReferSubscription}. */
    @Override
    public void onRefer(IncomingRequest refer) {
        transfers.onRefer(refer, state == State.CONFIRMED, target -> listener.onCalleeRefer(this, target));
    }

    /** Tells the transferor how the transfer goes, while the dialog lasts (RFC 3515 section 2.4.5). */
    void notifyTransfer(int status, String reason, boolean last) {
        if (state == State.CONFIRMED) {
            transfers.notifyProgress(status, reason, last);
        }
    }

    /** An UPDATE from the callee without an offer: a refresh, acknowledged. */
    @Override
    public void onUpdate(IncomingRequest update) {
        responder.reply(update, state == State.CONFIRMED ? Response.OK
                : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
    }

    @Override
    public void onAck(IncomingRequest ack) {
        // The ACK of a 2xx we sent to the callee's re-INVITE: nothing to retransmit any more.
    }

    @Override
    public void onCancel(IncomingRequest cancel) {
        responder.reply(cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
    }

    private void terminate() {
        state = State.TERMINATED;
        registry.remove(this);
    }
}
