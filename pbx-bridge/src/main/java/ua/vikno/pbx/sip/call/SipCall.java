package ua.vikno.pbx.sip.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sip.address.Address;
import javax.sip.message.Response;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.pbx.AudioInjection;
import ua.vikno.pbx.AudioPrompt;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.CallRecord;
import ua.vikno.pbx.CallState;
import ua.vikno.pbx.ConnectOutcome;
import ua.vikno.pbx.ConnectRequest;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Leg;
import ua.vikno.pbx.MediaTap;
import ua.vikno.pbx.Party;
import ua.vikno.pbx.PlayOptions;
import ua.vikno.pbx.PlaybackOutcome;
import ua.vikno.pbx.RecordOptions;
import ua.vikno.pbx.RtpQuality;
import ua.vikno.pbx.VoiceMessage;
import ua.vikno.pbx.rtp.DtmfEvent;
import ua.vikno.pbx.rtp.Outcome;
import ua.vikno.pbx.rtp.ReceptionReport;
import ua.vikno.pbx.rtp.RtpSession;
import ua.vikno.pbx.rtp.SdpAnswer;
import ua.vikno.pbx.rtp.SdpParser;
import ua.vikno.pbx.rtp.SessionDescription;
import ua.vikno.pbx.rtp.SipInfoDtmf;

/**
 * A call of the embedded engine as a back-to-back user agent: the caller's {@link ServerLeg}, at most one
 * connection attempt ({@link RingAll} over {@link ClientLeg}s) and one bridged callee, with an RTP session per
 * leg. This class owns the transitions of {@link CallState}; its methods named {@code on...} are the events.
 * Everything runs on the engine's context; operations called from elsewhere hop there first.
 */
public final class SipCall implements Call, ServerLeg.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(SipCall.class);
    private static final SipInfoDtmf INFO_DTMF = new SipInfoDtmf();

    private final String id;
    private final CallServices services;
    /** The incoming INVITE's leg; null for a call Vikno placed. */
    private final ServerLeg callerLeg;
    private final CallerSide callerSide;
    private final Party caller;
    private final String dialled;
    private final Instant startedAt;
    private final List<String> lines = new ArrayList<>();
    private final CopyOnWriteArrayList<Consumer<CallEvent>> listeners = new CopyOnWriteArrayList<>();
    private final SimpleNotes notes = new SimpleNotes();
    private final MediaTaps taps;
    private final LegMixer towardCaller;
    private final LegMixer towardCallee;
    private final long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE >> 1);
    private volatile CallState state = CallState.OFFERED;
    private RtpSession callerMedia;
    private SdpAnswer callerAnswer;
    private long sdpVersion = 1;
    private Connection connecting;
    private Bridged bridged;
    private final PromptPlayer prompts = new PromptPlayer();
    private VoiceRecorder recorder;
    private Instant answeredAt;
    private Instant bridgedAt;
    private Party operator;
    private Future<Void> ending;
    private Future<Void> callerReady;
    private Future<Void> callerAcked;

    /** A connection attempt in progress. */
    private record Connection(RingAll ring, RtpSession media, Map<ClientLeg, String> extensions, long timer,
                              CallState before, Promise<ConnectOutcome> result) {
    }

    /** The callee the caller talks to. */
    private record Bridged(ClientLeg leg, RtpSession media, BridgeRelay relay, Party party, String extension) {
    }

    SipCall(CallServices services, ServerLeg callerLeg, Party caller, String dialled) {
        this(services, callerLeg, callerLeg, caller, dialled);
        callerLeg.listener(this);
    }

    /**
     * A call Vikno placed to {@code party} that has answered on {@code leg}, whose media is configured already: it
     * starts ANSWERED, and the leg's later events (BYE, re-INVITE, INFO) are this call's caller events.
     */
    static SipCall originated(CallServices services, ClientLeg leg, RtpSession media, Party party, String dialled) {
        SipCall call = new SipCall(services, null, leg, party, dialled);
        call.callerMedia = media;
        call.towardCaller.target(media);
        media.onDigit(call::onDigit).onInactive(call::onMediaTimeout).onAudio(call::onCallerAudio, call::callerAudioWanted);
        call.callerReady = Future.succeededFuture();
        call.callerAcked = Future.succeededFuture();
        call.state = CallState.ANSWERED;
        call.answeredAt = services.clock().instant();
        leg.listener(call.new OriginatedEvents());
        return call;
    }

    private SipCall(CallServices services, ServerLeg callerLeg, CallerSide callerSide, Party caller, String dialled) {
        this.id = "c-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        this.services = services;
        this.callerLeg = callerLeg;
        this.callerSide = callerSide;
        this.caller = caller;
        this.dialled = dialled;
        this.startedAt = services.clock().instant();
        this.taps = new MediaTaps(services.media().clock());
        this.towardCaller = new LegMixer(services.media().clock());
        this.towardCallee = new LegMixer(services.media().clock());
        if (caller.line()) {
            lines.add(caller.number());
        }
        services.registry().add(this, lines);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Party caller() {
        return caller;
    }

    @Override
    public String dialled() {
        return dialled;
    }

    @Override
    public CallState state() {
        return state;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public CallNotes notes() {
        return notes;
    }

    @Override
    public void onEvent(Consumer<CallEvent> listener) {
        listeners.add(listener);
    }

    // ---- operations -------------------------------------------------------------------------------------------

    @Override
    public Future<Void> answer() {
        return onContext(this::answerCaller);
    }

    /** Opens the caller's media and sends 200 OK once; completes when the ACK arrives. */
    private Future<Void> answerCaller() {
        if (state == CallState.ENDED) {
            return ended();
        }
        if (callerReady == null) {
            callerReady = openCallerMedia().onFailure(e -> {
                // No RTP ports, or a bind failure: the caller must not wait for an answer that cannot come.
                LOG.warn("call={} cannot answer: {}", id, e.toString());
                end(HangupCause.SYSTEM_ERROR, Optional.empty());
            });
        }
        return callerReady.compose(v -> callerAcked);
    }

    /** Completes once the caller's RTP session is configured and our 200 OK is on its way. */
    private Future<Void> openCallerMedia() {
        String offerText = callerLeg.offer();
        Outcome<SessionDescription> offer = offerText.isBlank() ? null : new SdpParser().parse(offerText);
        if (offer != null && !offer.isOk()) {
            LOG.warn("call={} offer refused: {}", id, offer.failure().describe());
            end(HangupCause.INCOMPATIBLE_MEDIA, Optional.empty());
            return Future.failedFuture(offer.failure().describe());
        }
        return services.media().open(id + "-caller").compose(session -> {
            if (state == CallState.ENDED) {
                return session.close().compose(v -> ended());
            }
            callerMedia = session;
            towardCaller.target(session);
            session.onDigit(this::onDigit).onInactive(this::onMediaTimeout).onAudio(this::onCallerAudio, this::callerAudioWanted);
            Future<Void> ready;
            if (offer == null) {
                ready = lateOffer(session);
            } else {
                Outcome<SdpAnswer> answer = SdpAnswer.answer(offer.value(),
                        services.media().local(session.localPort(), sessionId, sdpVersion));
                if (!answer.isOk()) {
                    LOG.warn("call={} offer refused: {}", id, answer.failure().describe());
                    end(HangupCause.INCOMPATIBLE_MEDIA, Optional.empty());
                    return Future.failedFuture(answer.failure().describe());
                }
                callerAnswer = answer.value();
                session.configure(callerAnswer);
                callerAcked = callerLeg.answer(callerAnswer.body()).mapEmpty();
                ready = Future.succeededFuture();
            }
            if (state == CallState.OFFERED) {
                state = CallState.ANSWERED;
            }
            answeredAt = services.clock().instant();
            emit(new CallEvent.Answered(answeredAt));
            return ready;
        });
    }

    /**
     * An INVITE without SDP (RFC 3261 section 13.2.1, RFC 3264 section 4): our offer goes in the 200 and the answer
     * comes in the ACK; media is ready only then.
     */
    private Future<Void> lateOffer(RtpSession session) {
        callerAcked = callerLeg.answer(services.media().offer(session.localPort(), sessionId).body())
                .compose(body -> {
                    Outcome<SessionDescription> parsed = new SdpParser().parse(body);
                    Optional<SdpOffer.Agreement> agreed = parsed.isOk() ? SdpOffer.agreed(parsed.value())
                            : Optional.empty();
                    if (agreed.isEmpty()) {
                        LOG.warn("call={} no usable answer in the ACK: '{}'", id, body.strip());
                        end(HangupCause.INCOMPATIBLE_MEDIA, Optional.empty());
                        return Future.failedFuture("no usable SDP answer in the ACK");
                    }
                    session.configure(agreed.get().format(), agreed.get().remote(), agreed.get().direction());
                    return Future.succeededFuture();
                });
        return callerAcked;
    }

    @Override
    public Future<PlaybackOutcome> play(AudioPrompt prompt, PlayOptions options) {
        return onContext(() -> {
            if (state == CallState.ENDED) {
                return Future.succeededFuture(PlaybackOutcome.HUNG_UP);
            }
            if (callerMedia == null) {
                return Future.failedFuture(new IllegalStateException("call " + id + " is not answered"));
            }
            return services.media().prompts().load(prompt.file().toString())
                    .compose(wav -> prompts.play(callerMedia, wav, options));
        });
    }

    @Override
    public void stopPlayback() {
        services.out().context().runOnContext(v -> prompts.stop(callerMedia, PlaybackOutcome.STOPPED));
    }

    @Override
    public Future<VoiceMessage> record(RecordOptions options) {
        return onContext(() -> {
            if (state == CallState.ENDED || callerMedia == null) {
                return Future.failedFuture(new IllegalStateException("call " + id + " is " + state));
            }
            if (recorder != null) {
                recorder.stop(VoiceMessage.Reason.FINISH_KEY);
            }
            recorder = new VoiceRecorder(services.media().vertx(), options);
            return recorder.start();
        });
    }

    @Override
    public Future<ConnectOutcome> connect(ConnectRequest request) {
        return onContext(() -> startConnecting(request));
    }

    @Override
    public Future<Void> hangup(HangupCause cause) {
        return onContext(() -> end(cause, Optional.empty()));
    }

    @Override
    public MediaTap.Subscription tap(MediaTap tap) {
        return taps.add(tap);
    }

    @Override
    public AudioInjection inject(Leg toward) {
        return (toward == Leg.CALLER ? towardCaller : towardCallee).add();
    }

    // ---- connecting and bridging -------------------------------------------------------------------------------

    private Future<ConnectOutcome> startConnecting(ConnectRequest request) {
        if (state == CallState.ENDED) {
            return Future.succeededFuture(new ConnectOutcome.NotConnected(HangupCause.CALLER_ABANDONED));
        }
        if (state == CallState.CONNECTING || state == CallState.BRIDGED) {
            return Future.failedFuture(new IllegalStateException("call " + id + " is already " + state));
        }
        CallState before = state;
        state = CallState.CONNECTING;
        callerSide.ring();
        Promise<ConnectOutcome> result = Promise.promise();
        new ContactLookup(services).find(request.destinations()).onComplete(found -> {
            if (state != CallState.CONNECTING) {
                result.tryComplete(new ConnectOutcome.NotConnected(HangupCause.CALLER_ABANDONED));
            } else if (found.result().contacts().isEmpty()) {
                state = before;
                result.tryComplete(new ConnectOutcome.NotConnected(found.result().ifNone()));
            } else {
                ring(found.result().contacts(), request, before, result);
            }
        });
        return result.future();
    }

    private void ring(Map<String, String> contacts, ConnectRequest request, CallState before,
                      Promise<ConnectOutcome> result) {
        services.media().open(id + "-callee").onComplete(opened -> {
            if (opened.failed()) {
                LOG.warn("call={} no RTP session for the callee: {}", id, opened.cause().toString());
                state = before;
                result.tryComplete(new ConnectOutcome.NotConnected(HangupCause.SYSTEM_ERROR));
                return;
            }
            RtpSession media = opened.result();
            if (state != CallState.CONNECTING) {
                media.close();
                result.tryComplete(new ConnectOutcome.NotConnected(HangupCause.CALLER_ABANDONED));
                return;
            }
            Map<ClientLeg, String> byLeg = new HashMap<>();
            Connection[] self = new Connection[1];
            RingAll ringAll = new RingAll(outcome -> onRingEnded(self[0], outcome));
            ClientLeg.Listener listener = new CalleeEvents(ringAll);
            String offer = services.media().offer(media.localPort(), sessionId).body();
            for (Map.Entry<String, String> contact : contacts.entrySet()) {
                ClientLeg leg = new ClientLeg(contact.getKey(), fromAddress(request),
                        address(services.aor(contact.getValue()), null), services.out(), services.responder(),
                        services.registry(), listener);
                byLeg.put(leg, contact.getValue());
                ringAll.add(leg);
            }
            long timer = services.media().vertx().setTimer(request.ringTimeout().toMillis(),
                    t -> ringAll.giveUp(HangupCause.NO_ANSWER));
            self[0] = new Connection(ringAll, media, byLeg, timer, before, result);
            connecting = self[0];
            byLeg.keySet().forEach(leg -> leg.invite(offer));
        });
    }

    /** The ring group ended: bridge the winner, or go back to where the call was. */
    private void onRingEnded(Connection c, RingAll.Result outcome) {
        services.media().vertx().cancelTimer(c.timer());
        connecting = null;
        if (outcome instanceof RingAll.Result.Answered answered && state == CallState.CONNECTING) {
            Optional<SdpOffer.Agreement> agreed = new SdpParser().parse(answered.sdp()).isOk()
                    ? SdpOffer.agreed(new SdpParser().parse(answered.sdp()).value()) : Optional.empty();
            if (agreed.isEmpty()) {
                answered.leg().end();
                c.media().close();
                state = c.before();
                c.result().tryComplete(new ConnectOutcome.NotConnected(HangupCause.INCOMPATIBLE_MEDIA));
                return;
            }
            SdpOffer.Agreement a = agreed.get();
            c.media().configure(a.format(), a.remote(), a.direction()).onInactive(this::onMediaTimeout)
                    .onAudio(pcm -> {
                        taps.onAudio(Leg.CALLEE, pcm);
                        towardCaller.onHeard(pcm);
                    }, () -> taps.listening() || towardCaller.active());
            String extension = c.extensions().get(answered.leg());
            Party party = services.party(extension);
            answerCaller().onFailure(e -> LOG.info("call={} caller not confirmed: {}", id, e.toString()));
            callerReady.onComplete(ready -> {
                if (ready.failed() || state != CallState.CONNECTING) {
                    answered.leg().end();
                    c.media().close();
                    c.result().tryComplete(new ConnectOutcome.NotConnected(HangupCause.CALLER_ABANDONED));
                } else {
                    bridge(c, answered.leg(), party, extension);
                }
            });
        } else {
            if (outcome instanceof RingAll.Result.Answered answered) {
                answered.leg().end();
            }
            c.media().close();
            if (state == CallState.CONNECTING) {
                state = c.before();
            }
            HangupCause cause = outcome instanceof RingAll.Result.Failed f ? f.cause() : HangupCause.CALLER_ABANDONED;
            c.result().tryComplete(new ConnectOutcome.NotConnected(cause));
        }
    }

    private void bridge(Connection c, ClientLeg leg, Party party, String extension) {
        prompts.stop(callerMedia, PlaybackOutcome.STOPPED);
        bridged = new Bridged(leg, c.media(), BridgeRelay.connect(callerMedia, c.media(), towardCaller, towardCallee),
                party, extension);
        services.registry().lineJoined(extension);
        operator = party;
        state = CallState.BRIDGED;
        bridgedAt = services.clock().instant();
        LOG.info("call={} bridged {} to {} ({} -> {})", id, caller.number(), party.number(),
                callerMedia.format().codec(), c.media().format().codec());
        emit(new CallEvent.Bridged(bridgedAt, party));
        c.result().tryComplete(new ConnectOutcome.Bridged(party));
    }

    private Address fromAddress(ConnectRequest request) {
        String number = request.callerId().orElse(caller.number());
        return address("sip:" + number + "@" + services.domain(), caller.name().orElse(null));
    }

    private Address address(String uri, String displayName) {
        try {
            Address a = services.out().addresses().createAddress(uri);
            if (displayName != null) {
                a.setDisplayName(displayName);
            }
            return a;
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("not a SIP URI: " + uri, e);
        }
    }

    /** Events of the callee legs of one connection attempt. */
    private final class CalleeEvents implements ClientLeg.Listener {
        private final RingAll ring;

        CalleeEvents(RingAll ring) {
            this.ring = ring;
        }

        @Override
        public void onRinging(ClientLeg leg) {
            Connection c = connecting;
            if (c != null && c.ring() == ring) {
                emit(new CallEvent.Ringing(services.clock().instant(), services.party(c.extensions().get(leg))));
            }
        }

        @Override
        public void onAnswered(ClientLeg leg, String sdp) {
            ring.onAnswered(leg, sdp);
        }

        @Override
        public void onFailed(ClientLeg leg, int status) {
            LOG.info("call={} {} answered {}", id, leg.contact(), status);
            ring.onFailed(leg, status);
        }

        @Override
        public void onCalleeBye(ClientLeg leg) {
            if (bridged != null && bridged.leg() == leg) {
                emit(new CallEvent.Unbridged(services.clock().instant(), bridged.party()));
                end(HangupCause.NORMAL, Optional.of(Leg.CALLEE));
            }
        }

        @Override
        public String onCalleeReOffer(ClientLeg leg, String offer) {
            if (bridged == null || bridged.leg() != leg) {
                return null;
            }
            return reAnswer(offer, bridged.media());
        }

        @Override
        public void onCalleeInfo(ClientLeg leg, String contentType, String body) {
            // Digits of the operator are not events of the caller's call.
        }

        @Override
        public boolean onCalleeRefer(ClientLeg leg, String target) {
            if (bridged == null || bridged.leg() != leg || services.line(target).isEmpty()) {
                return false;
            }
            transfer(leg, target);
            return true;
        }
    }

    /**
     * A blind transfer asked by the operator (RFC 3515, RFC 5589 section 6): the caller leaves the operator and
     * rings {@code target}; the operator hears how it went by NOTIFY and hangs up (or is hung up on after a grace
     * time). If nobody takes the caller, the call ends with that cause.
     */
    private void transfer(ClientLeg from, String target) {
        Bridged old = bridged;
        bridged = null;
        old.relay().disconnect();
        services.registry().lineLeft(old.extension());
        state = CallState.ANSWERED;
        LOG.info("call={} transferred by {} to {}", id, old.party().number(), target);
        emit(new CallEvent.Unbridged(services.clock().instant(), old.party()));
        old.media().close();
        startConnecting(new ConnectRequest(List.of(new Destination.Line(target)), SipPbx.INTERNAL_RING_TIMEOUT,
                Optional.empty(), Optional.empty())).onComplete(done -> {
                    if (done.succeeded() && done.result() instanceof ConnectOutcome.Bridged) {
                        from.notifyTransfer(Response.OK, "OK", true);
                    } else {
                        HangupCause cause = done.succeeded()
                                ? ((ConnectOutcome.NotConnected) done.result()).cause() : HangupCause.SYSTEM_ERROR;
                        from.notifyTransfer(RingAll.status(cause), cause.name(), true);
                        end(cause, Optional.empty());
                    }
                    services.media().vertx().setTimer(5000, t -> from.end());
                });
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

    // ---- events of the caller's leg and media ------------------------------------------------------------------

    @Override
    public void onCallerCancel() {
        end(HangupCause.CALLER_ABANDONED, Optional.of(Leg.CALLER));
    }

    @Override
    public void onCallerBye() {
        end(HangupCause.NORMAL, Optional.of(Leg.CALLER));
    }

    @Override
    public String onCallerReOffer(String offer) {
        return callerMedia == null ? null : reAnswer(offer, callerMedia);
    }

    /** Answers a re-INVITE (RFC 3264 section 8): same port, next version, the direction the offer asks for. */
    private String reAnswer(String offer, RtpSession session) {
        Outcome<SessionDescription> parsed = new SdpParser().parse(offer);
        if (!parsed.isOk()) {
            return offer.isBlank() && session == callerMedia && callerAnswer != null ? callerAnswer.body() : null;
        }
        Outcome<SdpAnswer> answer = SdpAnswer.answer(parsed.value(),
                services.media().local(session.localPort(), sessionId, ++sdpVersion));
        if (!answer.isOk()) {
            return null;
        }
        session.configure(answer.value());
        if (session == callerMedia) {
            callerAnswer = answer.value();
        }
        Bridged b = bridged;
        if (b != null) {
            // The law or payload types may have changed: the translators are rebuilt for the new formats.
            b.relay().disconnect();
            bridged = new Bridged(b.leg(), b.media(),
                    BridgeRelay.connect(callerMedia, b.media(), towardCaller, towardCallee), b.party(), b.extension());
        }
        LOG.info("call={} media now {} toward {}", id, answer.value().direction(), answer.value().remote());
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
        LOG.warn("call={} session timer expired without a refresh", id);
        end(HangupCause.MEDIA_TIMEOUT, Optional.empty());
    }

    @Override
    public void onAckTimeout() {
        end(HangupCause.SYSTEM_ERROR, Optional.empty());
    }

    private void onDigit(DtmfEvent event) {
        char digit = event.digit().symbol();
        prompts.onDigit(callerMedia);
        if (recorder != null) {
            recorder.onDigit(digit);
        }
        emit(new CallEvent.Digit(services.clock().instant(), digit));
    }

    /** Whether anything hears the caller's decoded audio: a tap, a mix toward the callee, a voicemail. */
    private boolean callerAudioWanted() {
        return taps.listening() || towardCallee.active() || recorder != null;
    }

    private void onCallerAudio(short[] pcm) {
        taps.onAudio(Leg.CALLER, pcm);
        towardCallee.onHeard(pcm);
        if (recorder != null) {
            recorder.onAudio(pcm);
        }
    }

    private void onMediaTimeout() {
        services.out().context().runOnContext(v -> end(HangupCause.MEDIA_TIMEOUT, Optional.empty()));
    }

    // ---- the end ---------------------------------------------------------------------------------------------

    /** Ends the call once: signalling first, then media in reverse order of acquisition, then the record. */
    private Future<Void> end(HangupCause cause, Optional<Leg> endedBy) {
        if (ending != null) {
            return ending;
        }
        CallState was = state;
        state = CallState.ENDED;
        Instant endedAt = services.clock().instant();
        LOG.info("call={} ended: {} by {} (was {})", id, cause, endedBy.map(Leg::name).orElse("vikno"), was);
        prompts.stop(callerMedia, PlaybackOutcome.HUNG_UP);
        if (recorder != null) {
            recorder.stop(VoiceMessage.Reason.HUNG_UP);
        }
        Connection c = connecting;
        if (c != null) {
            c.ring().giveUp(HangupCause.CALLER_ABANDONED);
        }
        Bridged b = bridged;
        if (b != null) {
            b.relay().disconnect();
            b.leg().end();
            services.registry().lineLeft(b.extension());
        }
        callerSide.end(RingAll.status(cause));
        taps.close();
        towardCaller.close();
        towardCallee.close();
        Future<ReceptionReport> callerStats = callerMedia == null ? Future.succeededFuture(null)
                : callerMedia.statistics();
        Future<ReceptionReport> calleeStats = b == null ? Future.succeededFuture(null) : b.media().statistics();
        ending = Future.join(callerStats, calleeStats).transform(stats -> {
            List<RtpQuality> quality = new ArrayList<>();
            quality(Leg.CALLER, callerStats).ifPresent(quality::add);
            quality(Leg.CALLEE, calleeStats).ifPresent(quality::add);
            Future<Void> calleeClosed = b == null ? Future.succeededFuture() : b.media().close();
            return calleeClosed.transform(x -> callerMedia == null ? Future.<Void>succeededFuture()
                    : callerMedia.close()).transform(x -> {
                        services.registry().remove(this);
                        lines.forEach(services.registry()::lineLeft);
                        emit(new CallEvent.Ended(endedAt, new CallRecord(id, caller, dialled, startedAt,
                                Optional.ofNullable(answeredAt), Optional.ofNullable(bridgedAt), endedAt,
                                Optional.ofNullable(operator), cause, endedBy, notes.all(), quality)));
                        listeners.clear();
                        return Future.<Void>succeededFuture();
                    });
        });
        return ending;
    }

    private static Optional<RtpQuality> quality(Leg leg, Future<ReceptionReport> report) {
        if (report.failed() || report.result() == null) {
            return Optional.empty();
        }
        ReceptionReport r = report.result();
        return Optional.of(new RtpQuality(leg, r.received(), Math.max(0, r.lost()), r.jitter().toNanos() / 1e6));
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    private void emit(CallEvent event) {
        for (Consumer<CallEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("call={} listener failed on {}", id, event, e);
            }
        }
    }

    private <T> Future<T> ended() {
        return Future.failedFuture(new IllegalStateException("call " + id + " has ended"));
    }

    private <T> Future<T> onContext(Supplier<Future<T>> action) {
        Promise<T> promise = Promise.promise();
        services.out().context().runOnContext(v -> {
            try {
                action.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }
}
