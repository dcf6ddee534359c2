package ua.vikno.pbx.sip.call;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;

import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.pbx.sip.internal.IncomingRequest;
import ua.vikno.pbx.sip.internal.Responder;

/**
 * The caller's side of a B2BUA call: the user agent server of an incoming INVITE (RFC 3261 section 13.3) and
 * then of its dialog. It owns the transitions of {@link State}; what they mean for the call goes to its
 * {@link Listener}. Runs on the engine's context.
 */
final class ServerLeg implements SipLeg, CallerSide {
    private static final Logger LOG = LoggerFactory.getLogger(ServerLeg.class);
    /** RFC 3261 section 17.1.1.1: T1 and T2 pace the retransmission of our 2xx until the ACK. */
    private static final Duration T1 = Duration.ofMillis(500);
    private static final Duration T2 = Duration.ofSeconds(4);

    /** Where the INVITE server side is. */
    enum State {
        /** The INVITE was received and 100 Trying sent; not answered yet. */
        PROCEEDING,
        /** 180 Ringing was sent. */
        RINGING,
        /** 200 OK was sent; waiting for the ACK (section 13.3.1.4). */
        ANSWERED,
        /** The ACK arrived: the dialog is confirmed. */
        CONFIRMED,
        /** We ended the call before the ACK came: our BYE waits for it, or for 64*T1 (section 15.1.1). */
        ENDING,
        /** Rejected, cancelled, or ended by BYE. */
        TERMINATED
    }

    /** What the call learns from this leg. */
    interface Listener {
        void onCallerCancel();

        void onCallerBye();

        /** A re-INVITE offered this SDP; returns our answer body, or null to refuse it with 488. */
        String onCallerReOffer(String offer);

        void onCallerInfo(String contentType, String body);

        /** No ACK came for our 2xx within 64*T1 (section 13.3.1.4). */
        void onAckTimeout();

        /** The caller asked for a session timer and did not refresh the session in time (RFC 4028 section 10). */
        void onSessionExpired();
    }

    private final IncomingRequest invite;
    private final Responder responder;
    private final SipOutbound out;
    private final Dialog dialog;
    private final CallRegistry registry;
    private final java.util.Optional<SessionTimer> sessionTimer;
    private Listener listener;
    private State state = State.PROCEEDING;
    private Response lastOk;
    private long retransmitTimer = -1;
    private Promise<String> acked;
    /** Responses on the INVITE transaction leave in order: the Responder's sends are not ordered by themselves. */
    private Future<Void> lastSent = Future.succeededFuture();

    ServerLeg(IncomingRequest invite, Responder responder, SipOutbound out, CallRegistry registry,
              Duration maxSessionExpires) {
        this.invite = invite;
        this.sessionTimer = SessionTimer.requested(invite.request(), maxSessionExpires, out.context().owner(),
                () -> listener.onSessionExpired());
        this.responder = responder;
        this.out = out;
        this.registry = registry;
        this.dialog = Dialog.asServer(invite.request(), Dialog.newTag(), invite.transport());
    }

    void listener(Listener listener) {
        this.listener = listener;
    }

    State state() {
        return state;
    }

    @Override
    public String callId() {
        return dialog.callId();
    }

    /** The SDP offer of the INVITE, or empty text when it came without one. */
    String offer() {
        byte[] raw = invite.request().getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    }

    /** Sends 100 Trying (section 8.2.6.1) and starts taking requests of the dialog. */
    void onInvite() {
        registry.add(this);
        sendInOrder(responder.create(invite, Response.TRYING, null));
    }

    /** Sends 180 Ringing while another party rings. */
    @Override
    public void ring() {
        if (state == State.PROCEEDING) {
            state = State.RINGING;
            sendInOrder(response(invite, Response.RINGING));
        }
    }

    /**
     * Sends 183 Session Progress with our SDP answer, for early media (RFC 3261 section 13.2.1, RFC 3960 section 3):
     * the caller hears the callee's network before the answer; the 200 then carries the same answer.
     */
    void progress(String sdp) {
        if (state == State.PROCEEDING || state == State.RINGING) {
            state = State.RINGING;
            sendInOrder(withSdp(response(invite, Response.SESSION_PROGRESS), sdp));
        }
    }

    /**
     * Sends 200 OK with our SDP (the answer, or our offer when the INVITE had none); completes with the body of
     * the ACK, which holds the answer to such an offer (RFC 3261 section 13.2.1).
     */
    Future<String> answer(String sdp) {
        if (state != State.PROCEEDING && state != State.RINGING) {
            return Future.failedFuture(new IllegalStateException("call " + callId() + " cannot be answered: " + state));
        }
        state = State.ANSWERED;
        acked = Promise.promise();
        lastOk = withSdp(response(invite, Response.OK), sdp);
        sessionTimer.ifPresent(t -> {
            t.decorate(lastOk, out.headers());
            t.refresh();
        });
        sendInOrder(lastOk);
        if ("udp".equals(invite.transport())) {
            retransmit(T1, Duration.ZERO);
        }
        return acked.future();
    }

    /** Refuses the INVITE with a final non-2xx status. */
    void reject(int status) {
        if (state == State.PROCEEDING || state == State.RINGING) {
            state = State.TERMINATED;
            sendInOrder(response(invite, status));
            registry.remove(this);
        }
    }

    /** Ends the leg: BYE once answered (section 15.1.1), else a final response {@code status}. */
    @Override
    public void end(int statusIfUnanswered) {
        switch (state) {
            case PROCEEDING, RINGING -> reject(statusIfUnanswered);
            case ANSWERED -> {
                state = State.ENDING;
                stopSessionTimer();
                failAck();
                out.context().owner().setTimer(T1.multipliedBy(64).toMillis(), t -> {
                    if (state == State.ENDING) {
                        sendBye();
                    }
                });
            }
            case CONFIRMED -> sendBye();
            case ENDING, TERMINATED -> { }
        }
    }

    private void sendBye() {
        state = State.TERMINATED;
        stopSessionTimer();
        stopRetransmitting();
        Request bye = dialog.request(Request.BYE, out);
        out.send(bye).onFailure(e -> LOG.warn("BYE for {} not sent: {}", callId(), e.toString()));
        registry.remove(this);
    }

    @Override
    public void onAck(IncomingRequest ack) {
        if (state == State.ENDING) {
            sendBye();
        } else if (state == State.ANSWERED) {
            state = State.CONFIRMED;
            stopRetransmitting();
            byte[] raw = ack.request().getRawContent();
            acked.tryComplete(raw == null ? "" : new String(raw, StandardCharsets.UTF_8));
        } else {
            stopRetransmitting(); // the ACK of a re-INVITE's 2xx
        }
    }

    @Override
    public void onCancel(IncomingRequest cancel) {
        Future<Void> cancelled = responder.reply(cancel, Response.OK, null);
        if (state == State.PROCEEDING || state == State.RINGING) {
            state = State.TERMINATED;
            Response terminated = response(invite, Response.REQUEST_TERMINATED);
            lastSent = Future.join(lastSent, cancelled).transform(x -> responder.send(invite, terminated));
            registry.remove(this);
            listener.onCallerCancel();
        }
    }

    @Override
    public void onBye(IncomingRequest bye) {
        responder.reply(bye, Response.OK, null);
        if (state == State.ENDING) {
            state = State.TERMINATED;
            stopRetransmitting();
            stopSessionTimer();
            registry.remove(this);
        } else if (state == State.ANSWERED || state == State.CONFIRMED) {
            state = State.TERMINATED;
            stopSessionTimer();
            stopRetransmitting();
            registry.remove(this);
            failAck();
            listener.onCallerBye();
        }
    }

    @Override
    public void onReOffer(IncomingRequest request) {
        if (state != State.CONFIRMED && state != State.ANSWERED) {
            responder.reply(request, state == State.TERMINATED ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST
                    : 491, null); // 491 Request Pending: section 14.2
            return;
        }
        dialog.refreshTarget(request.request());
        byte[] raw = request.request().getRawContent();
        String answer = listener.onCallerReOffer(raw == null ? "" : new String(raw, StandardCharsets.UTF_8));
        if (answer == null) {
            responder.reply(request, Response.NOT_ACCEPTABLE_HERE, null);
            return;
        }
        Response ok = withSdp(response(request, Response.OK), answer);
        sessionTimer.ifPresent(t -> {
            t.decorate(ok, out.headers());
            t.refresh();
        });
        responder.send(request, ok);
    }

    /** An UPDATE without an offer: refreshes the session timer (RFC 4028 section 10). */
    @Override
    public void onUpdate(IncomingRequest update) {
        if (state != State.CONFIRMED && state != State.ANSWERED) {
            responder.reply(update, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        Response ok = response(update, Response.OK);
        sessionTimer.ifPresent(t -> {
            t.decorate(ok, out.headers());
            t.refresh();
        });
        responder.send(update, ok);
    }

    @Override
    public void onInfo(IncomingRequest info) {
        responder.reply(info, Response.OK, null);
        ContentTypeHeader type = (ContentTypeHeader) info.request().getHeader(ContentTypeHeader.NAME);
        byte[] raw = info.request().getRawContent();
        if (type != null && raw != null) {
            listener.onCallerInfo(type.getContentType() + "/" + type.getContentSubType(),
                    new String(raw, StandardCharsets.UTF_8));
        }
    }

    /** Only the answering side (the operator) may transfer: a REFER from the caller is declined (RFC 3515 section 2.4.2). */
    @Override
    public void onRefer(IncomingRequest refer) {
        responder.reply(refer, state == State.CONFIRMED ? Response.DECLINE
                : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
    }

    @Override
    public void onResponse(Response response) {
        // Responses to our BYE need no action.
    }

    @Override
    public void onTimeout(Request request) {
        LOG.debug("{} of call {} timed out", request.getMethod(), callId());
    }

    private void sendInOrder(Response response) {
        lastSent = lastSent.transform(x -> responder.send(invite, response));
    }

    /** A response to {@code request} with our To tag, the same in every response of the dialog (section 12.1.1). */
    private Response response(IncomingRequest request, int status) {
        Response response = responder.create(request, status, null);
        try {
            ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(dialog.localTag());
            if (status < 300 && status > 100) {
                response.setHeader(out.contact("vikno", dialog.transport()));
            }
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    private Response withSdp(Response response, String sdp) {
        try {
            response.setContent(sdp, out.headers().createContentTypeHeader("application", "sdp"));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    /** Retransmits the 2xx at T1, 2*T1, ... capped at T2, until the ACK or 64*T1 (section 13.3.1.4). */
    private void retransmit(Duration interval, Duration elapsed) {
        retransmitTimer = out.context().owner().setTimer(interval.toMillis(), id -> {
            retransmitTimer = -1;
            if (state != State.ANSWERED && state != State.ENDING) {
                return;
            }
            Duration total = elapsed.plus(interval);
            if (total.compareTo(T1.multipliedBy(64)) >= 0) {
                if (state == State.ANSWERED) {
                    LOG.warn("no ACK for the 200 of call {}", callId());
                    listener.onAckTimeout();
                }
                return;
            }
            out.sendStateless(lastOk);
            retransmit(interval.multipliedBy(2).compareTo(T2) > 0 ? T2 : interval.multipliedBy(2), total);
        });
    }

    private void stopSessionTimer() {
        sessionTimer.ifPresent(SessionTimer::cancel);
    }

    private void stopRetransmitting() {
        if (retransmitTimer >= 0) {
            out.context().owner().cancelTimer(retransmitTimer);
            retransmitTimer = -1;
        }
    }

    private void failAck() {
        if (acked != null) {
            acked.tryFail("call " + callId() + " ended before the ACK");
        }
    }
}
