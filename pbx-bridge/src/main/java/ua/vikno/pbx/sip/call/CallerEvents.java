package ua.vikno.pbx.sip.call;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Leg;
import ua.vikno.pbx.rtp.DtmfEvent;
import ua.vikno.pbx.rtp.Outcome;
import ua.vikno.pbx.rtp.RtpSession;
import ua.vikno.pbx.rtp.SdpAnswer;
import ua.vikno.pbx.rtp.SdpParser;
import ua.vikno.pbx.rtp.SessionDescription;
import ua.vikno.pbx.rtp.DtmfDeduplicator;
import ua.vikno.pbx.rtp.SipInfoDtmf;

/**
 * The events of a {@link SipCall}'s first leg and of its media: CANCEL and BYE of the caller, re-offers (RFC 3264
 * section 8), INFO digits, session-timer expiry (RFC 4028), RFC 4733 digits, and who hears the caller's audio.
 * Runs on the engine's context.
 */
final class CallerEvents implements ServerLeg.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(CallerEvents.class);
    private static final SipInfoDtmf INFO_DTMF = new SipInfoDtmf();
    /** A phone that signals a key both as RFC 4733 and as INFO sends the two within a few tens of ms. */
    private static final java.time.Duration BOTH_WAYS_WINDOW = java.time.Duration.ofMillis(500);
    private final DtmfDeduplicator digits = new DtmfDeduplicator(BOTH_WAYS_WINDOW);

    private final SipCall call;

    CallerEvents(SipCall call) {
        this.call = call;
    }

    /** Takes the digits, inactivity and audio of the caller's RTP session. */
    void listenTo(RtpSession session) {
        session.onDigit(this::onDigit).onInactive(this::onMediaTimeout)
                .onAudio(this::onCallerAudio, this::callerAudioWanted);
    }

    /** The listener of an originated call's first leg, which is a client leg. */
    ClientLeg.Listener originated() {
        return new OriginatedEvents();
    }

    /** The events of an originated call's first leg, which is a client leg. */
    private final class OriginatedEvents implements ClientLeg.Listener {
        @Override
        public void onRinging(ClientLeg leg) {
        }

        @Override
        public void onAnswered(ClientLeg leg, String sdp) {
        }

        @Override
        public void onFailed(ClientLeg leg, int status) {
        }

        @Override
        public void onCalleeBye(ClientLeg leg) {
            onCallerBye();
        }

        @Override
        public String onCalleeReOffer(ClientLeg leg, String offer) {
            return onCallerReOffer(offer);
        }

        @Override
        public void onCalleeInfo(ClientLeg leg, String contentType, String body) {
            onCallerInfo(contentType, body);
        }
    }


    @Override
    public void onCallerCancel() {
        call.end(HangupCause.CALLER_ABANDONED, Optional.of(Leg.CALLER));
    }

    @Override
    public void onCallerBye() {
        call.end(HangupCause.NORMAL, Optional.of(Leg.CALLER));
    }

    @Override
    public String onCallerReOffer(String offer) {
        return call.callerMedia == null ? null : reAnswer(offer, call.callerMedia);
    }

    /** Answers a re-INVITE (RFC 3264 section 8): same port, next version, the direction the offer asks for. */
    String reAnswer(String offer, RtpSession session) {
        Outcome<SessionDescription> parsed = new SdpParser().parse(offer);
        if (!parsed.isOk()) {
            return offer.isBlank() && session == call.callerMedia && call.callerAnswer != null ? call.callerAnswer.body() : null;
        }
        Outcome<SdpAnswer> answer = SdpAnswer.answer(parsed.value(),
                call.services.media().local(session.localPort(), call.sessionId, ++call.sdpVersion));
        if (!answer.isOk()) {
            return null;
        }
        session.configure(answer.value());
        if (session == call.callerMedia) {
            call.callerAnswer = answer.value();
        }
        SipCall.Bridged b = call.bridged;
        if (b != null) {
            // The law or payload types may have changed: the translators are rebuilt for the new formats.
            b.relay().disconnect();
            call.bridged = new SipCall.Bridged(b.leg(), b.media(),
                    BridgeRelay.connect(call.callerMedia, b.media(), call.towardCaller, call.towardCallee), b.party(), b.extension());
        }
        LOG.info("call={} media now {} toward {}", call.id, answer.value().direction(), answer.value().remote());
        return answer.value().body();
    }

    @Override
    public void onCallerInfo(String contentType, String body) {
        if (INFO_DTMF.accepts(contentType)) {
            Outcome<DtmfEvent> digit = INFO_DTMF.decode(contentType, body);
            if (digit.isOk()) {
                onDigit(digit.value());
            }
        }
    }

    @Override
    public void onSessionExpired() {
        LOG.warn("call={} session timer expired without a refresh", call.id);
        call.end(HangupCause.MEDIA_TIMEOUT, Optional.empty());
    }

    @Override
    public void onAckTimeout() {
        call.end(HangupCause.SYSTEM_ERROR, Optional.empty());
    }

    void onDigit(DtmfEvent event) {
        if (!digits.accept(event, call.services.media().ticker().nanos())) {
            LOG.debug("call={} digit {} by {} already came the other way", call.id, event.digit().symbol(), event.source());
            return;
        }
        char digit = event.digit().symbol();
        call.prompts.onDigit(call.callerMedia);
        if (call.recorder != null) {
            call.recorder.onDigit(digit);
        }
        call.emit(new CallEvent.Digit(call.services.clock().instant(), digit));
    }

    /** Whether anything hears the call.caller's decoded audio: a tap, a mix toward the callee, a voicemail. */
    private boolean callerAudioWanted() {
        return call.taps.listening() || call.towardCallee.active() || call.recorder != null;
    }

    void onCallerAudio(short[] pcm) {
        call.taps.onAudio(Leg.CALLER, pcm);
        call.towardCallee.onHeard(pcm);
        if (call.recorder != null) {
            call.recorder.onAudio(pcm);
        }
    }

    void onMediaTimeout() {
        call.services.out().context().runOnContext(v -> call.end(HangupCause.MEDIA_TIMEOUT, Optional.empty()));
    }
}
