package ua.vikno.recorder;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

/**
 * A call driven by the test: it emits events in order on the test's thread and feeds its taps 20 ms frames of
 * generated audio, one frame per leg per tick, the way the media engine promises to.
 */
final class FakeCall implements Call {
    private final String id;
    private final Party caller;
    private final String dialled;
    private final Clock clock;
    private final Instant startedAt;
    private final List<Consumer<CallEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<FakeSubscription> taps = new CopyOnWriteArrayList<>();
    private final Notes notes = new Notes();
    private final List<CallEvent> events = new ArrayList<>();
    private CallState state = CallState.OFFERED;
    private Optional<Party> operator = Optional.empty();
    private Optional<Instant> answeredAt = Optional.empty();
    private Optional<Instant> bridgedAt = Optional.empty();
    private long frame;

    FakeCall(String id, String caller, String dialled, Clock clock) {
        this.id = id;
        this.caller = Party.resident(caller);
        this.dialled = dialled;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Audio of one leg, 160 samples per call, or null when the leg sends nothing in that tick. */
    interface Source {
        short[] next();
    }

    /** A sine at {@code hz}, continuous in phase across frames. */
    static Source tone(double hz) {
        return new Source() {
            long n;

            @Override
            public short[] next() {
                short[] s = new short[160];
                for (int i = 0; i < s.length; i++, n++) {
                    s[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * n / 8000.0));
                }
                return s;
            }
        };
    }

    static Source nothing() {
        return () -> null;
    }

    void answerNow() {
        state = CallState.ANSWERED;
        answeredAt = Optional.of(clock.instant());
        emit(new CallEvent.Answered(clock.instant()));
    }

    void bridgeTo(Party party) {
        state = CallState.BRIDGED;
        operator = Optional.of(party);
        bridgedAt = Optional.of(clock.instant());
        emit(new CallEvent.Bridged(clock.instant(), party));
    }

    /** The operator left; the caller is back with Vikno. */
    void unbridge() {
        state = CallState.ANSWERED;
        emit(new CallEvent.Unbridged(clock.instant(), operator.orElseThrow()));
    }

    /** Feeds {@code ticks} 20 ms ticks: each leg's frame when its source has one. */
    void talk(int ticks, Source callerAudio, Source calleeAudio) {
        for (int t = 0; t < ticks; t++, frame++) {
            short[] c = callerAudio.next();
            short[] e = calleeAudio.next();
            for (FakeSubscription s : taps) {
                if (c != null) {
                    s.tap.onFrame(Leg.CALLER, frame, c);
                }
                if (e != null) {
                    s.tap.onFrame(Leg.CALLEE, frame, e);
                }
            }
        }
    }

    /** Ticks whose frames were all lost on the way: the frame counter moves, nothing is delivered. */
    void lose(int ticks) {
        frame += ticks;
    }

    void hangUp() {
        state = CallState.ENDED;
        Instant now = clock.instant();
        CallRecord record = new CallRecord(id, caller, dialled, startedAt, answeredAt, bridgedAt, now, operator,
                HangupCause.NORMAL, Optional.of(Leg.CALLER), notes.all(), List.of());
        emit(new CallEvent.Ended(now, record));
        for (FakeSubscription s : taps) {
            s.close();
        }
    }

    List<CallEvent> events() {
        return List.copyOf(events);
    }

    int openTaps() {
        return (int) taps.stream().filter(s -> !s.closed).count();
    }

    private void emit(CallEvent e) {
        events.add(e);
        listeners.forEach(l -> l.accept(e));
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
    public Future<Void> answer() {
        answerNow();
        return Future.succeededFuture();
    }

    @Override
    public Future<PlaybackOutcome> play(AudioPrompt prompt, PlayOptions options) {
        return Future.succeededFuture(PlaybackOutcome.FINISHED);
    }

    @Override
    public void stopPlayback() {
    }

    @Override
    public Future<VoiceMessage> record(RecordOptions options) {
        return Future.failedFuture(new UnsupportedOperationException("voicemail is not part of this fake"));
    }

    @Override
    public Future<ConnectOutcome> connect(ConnectRequest request) {
        return Future.failedFuture(new UnsupportedOperationException("use bridgeTo"));
    }

    @Override
    public Future<Void> hangup(HangupCause cause) {
        if (state != CallState.ENDED) {
            hangUp();
        }
        return Future.succeededFuture();
    }

    @Override
    public void onEvent(Consumer<CallEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public CallNotes notes() {
        return notes;
    }

    @Override
    public MediaTap.Subscription tap(MediaTap tap) {
        FakeSubscription s = new FakeSubscription(tap);
        if (state == CallState.ENDED) {
            s.close();
        } else {
            taps.add(s);
        }
        return s;
    }

    @Override
    public AudioInjection inject(Leg toward) {
        throw new UnsupportedOperationException("injection is not part of this fake");
    }

    private static final class FakeSubscription implements MediaTap.Subscription {
        final MediaTap tap;
        volatile boolean closed;

        FakeSubscription(MediaTap tap) {
            this.tap = tap;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                tap.onClose();
            }
        }
    }

    private static final class Notes implements CallNotes {
        private final Map<String, String> values = new LinkedHashMap<>();

        @Override
        public synchronized void put(String key, String value) {
            values.put(key, value);
        }

        @Override
        public synchronized Optional<String> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public synchronized Map<String, String> all() {
            return Map.copyOf(values);
        }
    }
}
