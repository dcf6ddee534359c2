package ua.vikno.pbx.sip.call;

import java.util.Optional;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallState;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.rtp.Outcome;
import ua.vikno.pbx.rtp.RtpSession;
import ua.vikno.pbx.rtp.SdpAnswer;
import ua.vikno.pbx.rtp.SdpParser;
import ua.vikno.pbx.rtp.SessionDescription;

/**
 * Answering the caller's INVITE (RFC 3264 offer/answer on the UAS side): the caller's RTP session opened and our
 * SDP answer sent in a 183 for early media, in the 200, or, for an INVITE without SDP, our offer in the 200 and
 * the answer taken from the ACK. Runs on the engine's context.
 */
final class CallerAnswer {
    private static final Logger LOG = LoggerFactory.getLogger(CallerAnswer.class);

    private final SipCall call;
    /** The caller's media opened before the answer for early media, once asked for. */
    private Future<Void> early;

    CallerAnswer(SipCall call) {
        this.call = call;
    }

    /** Opens the caller's media and sends 200 OK once; completes when the ACK arrives. */
    Future<Void> answer() {
        if (call.state == CallState.ENDED) {
            return call.ended();
        }
        if (call.callerReady == null) {
            Future<Void> opened = early == null ? Future.succeededFuture() : early.otherwiseEmpty();
            call.callerReady = opened.compose(v -> openAndAnswer()).onFailure(e -> {
                // No RTP ports, or a bind failure: the caller must not wait for an answer that cannot come.
                LOG.warn("call={} cannot answer: {}", call.id, e.toString());
                call.end(HangupCause.SYSTEM_ERROR, Optional.empty());
            });
        }
        return call.callerReady.compose(v -> call.callerAcked);
    }

    /**
     * Opens the caller's media before the answer and sends 183 with our SDP answer, so that the caller hears the
     * callee's network (early media, RFC 3960 section 3); the 200 later carries the same answer. Once per call;
     * fails when the caller made no offer (a delayed offer gets no early media).
     */
    Future<Void> earlyMedia() {
        if (early != null) {
            return early;
        }
        if (call.callerMedia != null || call.callerLeg == null) {
            early = Future.succeededFuture(); // answered already: the caller's media is there
            return early;
        }
        if (call.callerReady != null) {
            early = call.callerReady;
            return early;
        }
        Outcome<SessionDescription> offer = offer();
        if (offer == null || !offer.isOk()) {
            early = Future.failedFuture("no usable offer to answer early");
            return early;
        }
        early = call.services.media().open(call.id + "-caller").compose(session -> {
            Outcome<SdpAnswer> answer = answerTo(offer.value(), session);
            if (call.state == CallState.ENDED || !answer.isOk()) {
                return session.close().compose(v -> Future.failedFuture("no early media for call " + call.id));
            }
            adopt(session, answer.value());
            call.callerLeg.progress(call.callerAnswer.body());
            return Future.succeededFuture();
        });
        return early;
    }

    /** Completes once the caller's RTP session is configured and our 200 OK is on its way. */
    private Future<Void> openAndAnswer() {
        if (call.callerMedia != null && call.callerAnswer != null) {
            // Opened for early media: the answer of the 183 is the answer (RFC 3261 section 13.2.1).
            call.callerAcked = call.callerLeg.answer(call.callerAnswer.body()).mapEmpty();
            answered();
            return Future.succeededFuture();
        }
        Outcome<SessionDescription> offer = offer();
        if (offer != null && !offer.isOk()) {
            return refused(offer.failure().describe());
        }
        return call.services.media().open(call.id + "-caller").compose(session -> {
            if (call.state == CallState.ENDED) {
                return session.close().compose(v -> call.ended());
            }
            Future<Void> ready;
            if (offer == null) {
                adopt(session, null);
                ready = lateOffer(session);
            } else {
                Outcome<SdpAnswer> answer = answerTo(offer.value(), session);
                if (!answer.isOk()) {
                    session.close();
                    return refused(answer.failure().describe());
                }
                adopt(session, answer.value());
                call.callerAcked = call.callerLeg.answer(call.callerAnswer.body()).mapEmpty();
                ready = Future.succeededFuture();
            }
            answered();
            return ready;
        });
    }

    /** The caller's SDP offer; null for an INVITE without one. */
    private Outcome<SessionDescription> offer() {
        String text = call.callerLeg.offer();
        return text.isBlank() ? null : new SdpParser().parse(text);
    }

    private Outcome<SdpAnswer> answerTo(SessionDescription offer, RtpSession session) {
        return SdpAnswer.answer(offer, call.services.media().local(session.localPort(), call.sessionId,
                call.sdpVersion));
    }

    /** Makes {@code session} the caller's media: heard by the mixer and the caller's events, configured if answered. */
    private void adopt(RtpSession session, SdpAnswer answer) {
        call.callerMedia = session;
        call.towardCaller.target(session);
        call.events().listenTo(session);
        if (answer != null) {
            call.callerAnswer = answer;
            session.configure(answer);
        }
    }

    private Future<Void> refused(String why) {
        LOG.warn("call={} offer refused: {}", call.id, why);
        call.end(HangupCause.INCOMPATIBLE_MEDIA, Optional.empty());
        return Future.failedFuture(why);
    }

    private void answered() {
        if (call.state == CallState.OFFERED) {
            call.state = CallState.ANSWERED;
        }
        call.answeredAt = call.services.clock().instant();
        call.emit(new CallEvent.Answered(call.answeredAt));
    }

    /**
     * An INVITE without SDP (RFC 3261 section 13.2.1, RFC 3264 section 4): our offer goes in the 200 and the answer
     * comes in the ACK; media is ready only then.
     */
    private Future<Void> lateOffer(RtpSession session) {
        call.callerAcked = call.callerLeg.answer(call.services.media().offer(session.localPort(), call.sessionId).body())
                .compose(body -> {
                    Optional<SdpOffer.Agreement> agreed = SdpOffer.agreed(body);
                    if (agreed.isEmpty()) {
                        LOG.warn("call={} no usable answer in the ACK: '{}'", call.id, body.strip());
                        call.end(HangupCause.INCOMPATIBLE_MEDIA, Optional.empty());
                        return Future.failedFuture("no usable SDP answer in the ACK");
                    }
                    session.configure(agreed.get().format(), agreed.get().remote(), agreed.get().direction());
                    return Future.succeededFuture();
                });
        return call.callerAcked;
    }
}
