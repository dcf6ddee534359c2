package ua.vikno.pbx.sip.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;


import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.pbx.AudioInjection;
import ua.vikno.pbx.AudioPrompt;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.CallState;
import ua.vikno.pbx.ConnectOutcome;
import ua.vikno.pbx.ConnectRequest;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Leg;
import ua.vikno.pbx.MediaTap;
import ua.vikno.pbx.Party;
import ua.vikno.pbx.PlayOptions;
import ua.vikno.pbx.PlaybackOutcome;
import ua.vikno.pbx.RecordOptions;
import ua.vikno.pbx.VoiceMessage;
import ua.vikno.pbx.rtp.Outcome;
import ua.vikno.pbx.rtp.RtpSession;
import ua.vikno.pbx.rtp.SdpAnswer;

/**
 * A call of the embedded engine as a back-to-back user agent: the caller's {@link ServerLeg}, at most one
 * connection attempt ({@link RingAll} over {@link ClientLeg}s) and one bridged callee, with an RTP session per
 * leg. This class owns the transitions of {@link CallState}; its methods named {@code on...} are the events.
 * Everything runs on the engine's context; operations called from elsewhere hop there first.
 */
public final class SipCall implements Call {
    private static final Logger LOG = LoggerFactory.getLogger(SipCall.class);

    final String id;
    final CallServices services;
    /** The incoming INVITE's leg; null for a call Vikno placed. */
    final ServerLeg callerLeg;
    final CallerSide callerSide;
    final Party caller;
    final String dialled;
    final Instant startedAt;
    final List<String> lines = new ArrayList<>();
    final CopyOnWriteArrayList<Consumer<CallEvent>> listeners = new CopyOnWriteArrayList<>();
    final SimpleNotes notes = new SimpleNotes();
    final MediaTaps taps;
    final LegMixer towardCaller;
    final LegMixer towardCallee;
    final long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE >> 1);
    volatile CallState state = CallState.OFFERED;
    RtpSession callerMedia;
    SdpAnswer callerAnswer;
    long sdpVersion = 1;
    Connection connecting;
    Bridged bridged;
    final PromptPlayer prompts = new PromptPlayer();
    VoiceRecorder recorder;
    Instant answeredAt;
    Instant bridgedAt;
    Party operator;
    Future<Void> ending;
    Future<Void> callerReady;
    Future<Void> callerAcked;

    /** A connection attempt in progress. */
    record Connection(RingAll ring, RtpSession media, Map<ClientLeg, ContactLookup.Callee> callees,
                      CallState before, Promise<ConnectOutcome> result) {
    }

    /** The callee the caller talks to; {@code extension} is the callee's number, a line's or an external one. */
    record Bridged(ClientLeg leg, RtpSession media, BridgeRelay relay, Party party, String extension) {
    }

    private final CallConnector connector = new CallConnector(this);
    private final CallerEvents events = new CallerEvents(this);
    private final CallerAnswer answering = new CallerAnswer(this);
    private final CallTeardown teardown = new CallTeardown(this);

    SipCall(CallServices services, ServerLeg callerLeg, Party caller, String dialled) {
        this(services, callerLeg, callerLeg, caller, dialled);
        callerLeg.listener(events);
    }

    /**
     * A call Vikno placed to {@code party} that has answered on {@code leg}, whose media is configured already: it
     * starts ANSWERED, and the leg's later events (BYE, re-INVITE, INFO) are this call's caller events.
     */
    static SipCall originated(CallServices services, ClientLeg leg, RtpSession media, Party party, String dialled) {
        SipCall call = new SipCall(services, null, leg, party, dialled);
        call.callerMedia = media;
        call.towardCaller.target(media);
        call.events.listenTo(media);
        call.callerReady = Future.succeededFuture();
        call.callerAcked = Future.succeededFuture();
        call.state = CallState.ANSWERED;
        call.answeredAt = services.clock().instant();
        leg.listener(call.events.originated());
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
    Future<Void> answerCaller() {
        return answering.answer();
    }

    /** Sends the caller 183 with our answer, for the callee's early media; see {@link CallerAnswer#earlyMedia}. */
    Future<Void> callerEarlyMedia() {
        return answering.earlyMedia();
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
            // the file is read asynchronously: by then the callee's early media may be what the caller hears
            return services.media().prompts().load(prompt.file().toString())
                    .compose(wav -> connector.calleeHeard() ? Future.succeededFuture(PlaybackOutcome.STOPPED)
                            : prompts.play(callerMedia, wav, options));
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
        return onContext(() -> connector.start(request));
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


    // ---- what the parts of a call ask of each other -----------------------------------------------------------

    /** Answers a re-offer on {@code session} (the caller's or the callee's). */
    String reAnswer(String offer, RtpSession session) {
        return events.reAnswer(offer, session);
    }

    void onMediaTimeout() {
        events.onMediaTimeout();
    }

    /** Ends the call once; see {@link CallTeardown}. */
    Future<Void> end(HangupCause cause, Optional<Leg> endedBy) {
        return teardown.end(cause, endedBy);
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    void emit(CallEvent event) {
        for (Consumer<CallEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("call={} listener failed on {}", id, event, e);
            }
        }
    }

    CallerEvents events() {
        return events;
    }

    <T> Future<T> ended() {
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
