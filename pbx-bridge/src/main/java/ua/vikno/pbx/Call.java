package ua.vikno.pbx;

import java.time.Instant;
import java.util.function.Consumer;

import io.vertx.core.Future;

/**
 * A call as the IVR, recorder and supervisor see it, whatever the back end (the embedded SIP engine or an
 * existing Asterisk). Operations return futures completed on the call's own context; events are delivered
 * there too, in order. After {@link CallEvent.Ended} every operation fails.
 */
public interface Call {

    /** Unique across nodes; appears as {@code call=<id>} in every log line about the call. */
    String id();

    /** Who called. */
    Party caller();

    /** The number or extension that was dialled (a DID of {@code numbers}, or an extension). */
    String dialled();

    CallState state();

    Instant startedAt();

    /** Answers the call (SIP 200 with SDP); completes when media can flow. */
    Future<Void> answer();

    /** Plays a prompt to the caller; completes when it ends and says how. */
    Future<PlaybackOutcome> play(AudioPrompt prompt, PlayOptions options);

    /** Stops the current playback, if any. */
    void stopPlayback();

    /** Records a voice message from the caller (after any beep the IVR played). */
    Future<VoiceMessage> record(RecordOptions options);

    /** Rings the destinations and bridges the caller to the first that answers. */
    Future<ConnectOutcome> connect(ConnectRequest request);

    /** Ends the call. Idempotent. */
    Future<Void> hangup(HangupCause cause);

    /** Subscribes to the call's events; a subscriber added late does not see earlier events. */
    void onEvent(Consumer<CallEvent> listener);

    /** What other modules note for the call record. */
    CallNotes notes();

    /** Subscribes to the call's audio (recording, supervision). */
    MediaTap.Subscription tap(MediaTap tap);

    /** Adds audio that one leg hears (whisper, barge). */
    AudioInjection inject(Leg toward);
}
