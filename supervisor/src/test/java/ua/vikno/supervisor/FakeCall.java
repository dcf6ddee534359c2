package ua.vikno.supervisor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.vertx.core.Future;
import ua.vikno.pbx.AudioInjection;
import ua.vikno.pbx.AudioPrompt;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.CallRecord;
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

/** A call for tests: a test drives its events and audio, and reads what was played and injected. */
final class FakeCall implements Call {
    final String id;
    final Party caller;
    final String dialled;
    CallState state = CallState.OFFERED;
    final List<Consumer<CallEvent>> listeners = new CopyOnWriteArrayList<>();
    final List<MediaTap> taps = new CopyOnWriteArrayList<>();
    final Map<Leg, List<short[]>> injected = new EnumMap<>(Leg.class);
    final List<String> played = new ArrayList<>();
    /** Injections toward each leg that are open now: while any is, the real engine mixes instead of relaying. */
    final Map<Leg, java.util.concurrent.atomic.AtomicInteger> openInjections = new EnumMap<>(Map.of(
            Leg.CALLER, new java.util.concurrent.atomic.AtomicInteger(), Leg.CALLEE,
            new java.util.concurrent.atomic.AtomicInteger()));
    Optional<HangupCause> hungUp = Optional.empty();

    FakeCall(String id, Party caller, String dialled) {
        this.id = id;
        this.caller = caller;
        this.dialled = dialled;
        injected.put(Leg.CALLER, new CopyOnWriteArrayList<>());
        injected.put(Leg.CALLEE, new CopyOnWriteArrayList<>());
    }

    void emit(CallEvent event) {
        listeners.forEach(l -> l.accept(event));
    }

    void bridgeTo(Party party) {
        state = CallState.BRIDGED;
        emit(new CallEvent.Bridged(Instant.now(), party));
    }

    void end() {
        state = CallState.ENDED;
        CallRecord record = new CallRecord(id, caller, dialled, Instant.now(), Optional.empty(), Optional.empty(),
                Instant.now(), Optional.empty(), HangupCause.NORMAL, Optional.of(Leg.CALLER), Map.of(), List.of());
        emit(new CallEvent.Ended(Instant.now(), record));
        taps.forEach(MediaTap::onClose);
        taps.clear();
    }

    /** Delivers one tick of audio to every tap: both legs share the frame index. */
    void tick(long frame, short[] callerAudio, short[] calleeAudio) {
        for (MediaTap t : taps) {
            t.onFrame(Leg.CALLER, frame, callerAudio);
            t.onFrame(Leg.CALLEE, frame, calleeAudio);
        }
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
        return Instant.EPOCH;
    }

    @Override
    public Future<Void> answer() {
        state = CallState.ANSWERED;
        return Future.succeededFuture();
    }

    @Override
    public Future<PlaybackOutcome> play(AudioPrompt prompt, PlayOptions options) {
        played.add(prompt.id());
        return Future.succeededFuture(PlaybackOutcome.FINISHED);
    }

    @Override
    public void stopPlayback() {
    }

    @Override
    public Future<VoiceMessage> record(RecordOptions options) {
        return Future.failedFuture("not in this fake");
    }

    @Override
    public Future<ConnectOutcome> connect(ConnectRequest request) {
        return Future.failedFuture("not in this fake");
    }

    @Override
    public Future<Void> hangup(HangupCause cause) {
        if (hungUp.isEmpty()) {
            hungUp = Optional.of(cause);
        }
        return Future.succeededFuture();
    }

    @Override
    public void onEvent(Consumer<CallEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public CallNotes notes() {
        throw new UnsupportedOperationException();
    }

    @Override
    public MediaTap.Subscription tap(MediaTap tap) {
        taps.add(tap);
        return () -> {
            if (taps.remove(tap)) {
                tap.onClose();
            }
        };
    }

    @Override
    public AudioInjection inject(Leg toward) {
        FakeCall self = this;
        openInjections.get(toward).incrementAndGet();
        return new AudioInjection() {
            boolean closed;

            @Override
            public void push(short[] samples) {
                if (!closed) {
                    self.injected.get(toward).add(samples.clone());
                }
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    self.openInjections.get(toward).decrementAndGet();
                }
            }
        };
    }
}
