package ua.vikno.ivr.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import ua.vikno.ivr.Timers;
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

/**
 * A {@link Call} for tests: it records what was played, recorded and connected, and lets the test press keys,
 * hang up, and answer or refuse connections. Prompts last {@link #promptLength} of fake time (loops never end);
 * connection attempts give up after their ring timeout; recordings end on the finish key, the maximum length
 * or hang-up.
 */
public final class FakeCall implements Call {
    private static final Duration PROMPT = Duration.ofSeconds(3);

    private final String id;
    private final Party caller;
    private final String dialled;
    private final FakeTime time;
    private final Instant startedAt;
    private final List<Consumer<CallEvent>> listeners = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final List<String> played = new ArrayList<>();
    private final List<ConnectRequest> connects = new ArrayList<>();
    private final List<RecordOptions> recordings = new ArrayList<>();
    private Function<AudioPrompt, Duration> promptLength = p -> PROMPT;
    private CallState state = CallState.OFFERED;
    private Optional<HangupCause> hangupCause = Optional.empty();
    private Map<String, String> notesAtEnd;
    private Optional<String> hangupFailure = Optional.empty();

    private Playback playback;
    private Promise<ConnectOutcome> connecting;
    private Timers.Handle ringTimer = Timers.Handle.NONE;
    private Promise<VoiceMessage> recording;
    private RecordOptions recordingOptions;
    private Instant recordingSince;
    private Timers.Handle recordTimer = Timers.Handle.NONE;

    private record Playback(AudioPrompt prompt, PlayOptions options, Promise<PlaybackOutcome> promise,
                            Timers.Handle timer) {
    }

    public FakeCall(String id, String callerNumber, String dialled, FakeTime time) {
        this.id = id;
        this.caller = Party.resident(callerNumber);
        this.dialled = dialled;
        this.time = time;
        this.startedAt = time.instant();
    }

    /** Makes every prompt last {@code length}. */
    public FakeCall promptsLast(Duration length) {
        this.promptLength = p -> length;
        return this;
    }

    // ---- what the test does

    /** Presses keys one after another, at the current fake time. */
    public FakeCall press(String keys) {
        for (char k : keys.toCharArray()) {
            if (state == CallState.ENDED) {
                return this;
            }
            if (playback != null && playback.options().interruptible()) {
                finishPlayback(PlaybackOutcome.INTERRUPTED);
            }
            if (recording != null && k == recordingOptions.finishKey()) {
                finishRecording(VoiceMessage.Reason.FINISH_KEY);
            }
            emit(new CallEvent.Digit(time.instant(), k));
        }
        return this;
    }

    /** The caller hangs up. */
    public void callerHangsUp() {
        end(HangupCause.NORMAL);
    }

    /** The destination {@code extension} of the pending connection answers. */
    public void answeredBy(String extension) {
        Promise<ConnectOutcome> p = pendingConnect();
        Party party = Party.line(extension, null);
        state = CallState.BRIDGED;
        emit(new CallEvent.Bridged(time.instant(), party));
        p.complete(new ConnectOutcome.Bridged(party));
    }

    /** The pending connection fails with {@code cause} (busy, unavailable...). */
    public void connectionFails(HangupCause cause) {
        Promise<ConnectOutcome> p = pendingConnect();
        state = CallState.ANSWERED;
        p.complete(new ConnectOutcome.NotConnected(cause));
    }

    /** The message being recorded cannot be written (a full disk, a folder that cannot be made). */
    public void recordingFails(String why) {
        if (recording == null) {
            throw new IllegalStateException("call " + id + " is not recording");
        }
        Promise<VoiceMessage> p = recording;
        recording = null;
        recordTimer.cancel();
        p.fail(why);
    }

    /** Vikno's hang-ups of this call fail from now on (the BYE is not answered); the call stays up. */
    public FakeCall failsToHangUp(String why) {
        this.hangupFailure = Optional.of(why);
        return this;
    }

    // ---- what the test checks

    /** Ids of the prompts played, in order (hold music and announcements included). */
    public List<String> played() {
        return List.copyOf(played);
    }

    /** The prompt playing now, if any. */
    public Optional<String> playing() {
        return Optional.ofNullable(playback).map(p -> p.prompt().id());
    }

    public List<ConnectRequest> connects() {
        return List.copyOf(connects);
    }

    public Optional<ConnectRequest> pendingConnection() {
        return connecting == null ? Optional.empty() : Optional.of(connects.get(connects.size() - 1));
    }

    public List<RecordOptions> recordings() {
        return List.copyOf(recordings);
    }

    public Optional<HangupCause> hangupCause() {
        return hangupCause;
    }

    public Map<String, String> noteMap() {
        return Map.copyOf(notes);
    }

    /**
     * The notes as the call record has them: taken when the call ends, after a message being recorded is finished
     * (as the call model does); empty while the call is up.
     */
    public Optional<Map<String, String>> recordedNotes() {
        return Optional.ofNullable(notesAtEnd);
    }

    // ---- Call

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
        if (state == CallState.ENDED) {
            return Future.failedFuture("call ended");
        }
        state = CallState.ANSWERED;
        emit(new CallEvent.Answered(time.instant()));
        return Future.succeededFuture();
    }

    @Override
    public Future<PlaybackOutcome> play(AudioPrompt prompt, PlayOptions options) {
        if (state == CallState.ENDED) {
            return Future.succeededFuture(PlaybackOutcome.HUNG_UP);
        }
        if (playback != null) {
            finishPlayback(PlaybackOutcome.STOPPED);
        }
        played.add(prompt.id());
        Promise<PlaybackOutcome> promise = Promise.promise();
        Timers.Handle timer = options.loop() ? Timers.Handle.NONE
                : time.schedule(promptLength.apply(prompt), () -> {
                    if (playback != null && playback.promise() == promise) {
                        finishPlayback(PlaybackOutcome.FINISHED);
                    }
                });
        playback = new Playback(prompt, options, promise, timer);
        return promise.future();
    }

    @Override
    public void stopPlayback() {
        if (playback != null) {
            finishPlayback(PlaybackOutcome.STOPPED);
        }
    }

    @Override
    public Future<VoiceMessage> record(RecordOptions options) {
        if (state == CallState.ENDED) {
            return Future.failedFuture("call ended");
        }
        recordings.add(options);
        recording = Promise.promise();
        recordingOptions = options;
        recordingSince = time.instant();
        Promise<VoiceMessage> mine = recording;
        recordTimer = time.schedule(options.maxLength(), () -> {
            if (recording == mine) {
                finishRecording(VoiceMessage.Reason.MAX_LENGTH);
            }
        });
        return mine.future();
    }

    @Override
    public Future<ConnectOutcome> connect(ConnectRequest request) {
        if (state == CallState.ENDED) {
            return Future.failedFuture("call ended");
        }
        connects.add(request);
        state = CallState.CONNECTING;
        connecting = Promise.promise();
        Promise<ConnectOutcome> mine = connecting;
        ringTimer = time.schedule(request.ringTimeout(), () -> {
            if (connecting == mine) {
                connectionFails(HangupCause.NO_ANSWER);
            }
        });
        return mine.future();
    }

    @Override
    public Future<Void> hangup(HangupCause cause) {
        if (hangupFailure.isPresent()) {
            return Future.failedFuture(hangupFailure.get());
        }
        if (state != CallState.ENDED) {
            end(cause);
        }
        return Future.succeededFuture();
    }

    @Override
    public void onEvent(Consumer<CallEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public CallNotes notes() {
        return new CallNotes() {
            @Override
            public void put(String key, String value) {
                notes.put(key, value);
            }

            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(notes.get(key));
            }

            @Override
            public Map<String, String> all() {
                return Map.copyOf(notes);
            }
        };
    }

    @Override
    public MediaTap.Subscription tap(MediaTap tap) {
        throw new UnsupportedOperationException("no media in FakeCall");
    }

    @Override
    public AudioInjection inject(Leg toward) {
        throw new UnsupportedOperationException("no media in FakeCall");
    }

    // ---- internals

    private Promise<ConnectOutcome> pendingConnect() {
        if (connecting == null) {
            throw new IllegalStateException("call " + id + " is not connecting anywhere");
        }
        Promise<ConnectOutcome> p = connecting;
        connecting = null;
        ringTimer.cancel();
        return p;
    }

    private void finishPlayback(PlaybackOutcome outcome) {
        Playback p = playback;
        playback = null;
        p.timer().cancel();
        p.promise().tryComplete(outcome);
    }

    private void finishRecording(VoiceMessage.Reason reason) {
        Promise<VoiceMessage> p = recording;
        recording = null;
        recordTimer.cancel();
        p.complete(new VoiceMessage(recordingOptions.file(), Duration.between(recordingSince, time.instant()), reason));
    }

    private void end(HangupCause cause) {
        state = CallState.ENDED;
        hangupCause = Optional.of(cause);
        if (playback != null) {
            finishPlayback(PlaybackOutcome.HUNG_UP);
        }
        if (recording != null) {
            finishRecording(VoiceMessage.Reason.HUNG_UP);
        }
        if (connecting != null) {
            Promise<ConnectOutcome> p = pendingConnect();
            p.complete(new ConnectOutcome.NotConnected(HangupCause.CALLER_ABANDONED));
        }
        notesAtEnd = Map.copyOf(notes);
        emit(new CallEvent.Ended(time.instant(), null));
    }

    private void emit(CallEvent event) {
        for (Consumer<CallEvent> l : List.copyOf(listeners)) {
            l.accept(event);
        }
    }
}
