package ua.vikno.ivr.routing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.config.Target;
import ua.vikno.config.VoicemailBox;
import ua.vikno.ivr.IvrSettings;
import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.ivr.prompt.Worker;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.PlayOptions;
import ua.vikno.pbx.PlaybackOutcome;
import ua.vikno.pbx.RecordOptions;
import ua.vikno.pbx.VoiceMessage;

/**
 * {@code voicemail:<box>}: the box's prompt, a beep, then a message recorded up to the box's maximum length,
 * finished early by {@code #} or by hanging up. The file goes into the call's notes once it is written and holds
 * at least {@link IvrSettings#minMessageLength()} of audio: a resident who hangs up at the beep, or presses
 * {@code #} at once, left no message, and a message that could not be written is none either, so neither call
 * is a voicemail to listen to; the file of such a non-message is deleted (on the {@link Worker}), so that no
 * WAV lies in a box without an appeal. The call model takes the record of a call that ends during recording only
 * after the message is written. After {@code #} or the maximum, Vikno says goodbye and hangs up.
 */
public final class VoicemailHandler implements TargetHandler {
    /** The key that ends a message early. */
    public static final char FINISH_KEY = '#';
    private static final Logger LOG = LoggerFactory.getLogger(VoicemailHandler.class);

    private final Map<String, VoicemailBox> boxes;
    private final IvrSettings settings;
    private final Prompts prompts;
    private final Endings endings;
    private final Worker worker;

    /** @param worker deletes the files of messages too short to keep, off the event loop */
    public VoicemailHandler(Map<String, VoicemailBox> boxes, IvrSettings settings, Prompts prompts, Worker worker) {
        this.boxes = boxes;
        this.settings = settings;
        this.prompts = prompts;
        this.endings = new Endings(prompts);
        this.worker = worker;
    }

    @Override
    public Target.Kind kind() {
        return Target.Kind.VOICEMAIL;
    }

    @Override
    public Future<RouteOutcome> route(RoutedCall call, String id, Router router) {
        VoicemailBox box = boxes.get(id);
        if (box == null) {
            return Future.failedFuture(new RoutingFailure(call.id(), "unknown voicemail box '" + id + "'"));
        }
        box.department().ifPresent(d -> call.call().notes().put(CallNotes.DEPARTMENT, d));
        return play(call, box.prompt())
                .compose(o -> o == PlaybackOutcome.HUNG_UP ? Future.succeededFuture(o)
                        : settings.beepPrompt().map(b -> play(call, b)).orElse(Future.succeededFuture(o)))
                .compose(o -> o == PlaybackOutcome.HUNG_UP
                        ? Future.succeededFuture(new RouteOutcome.CallerLeft())
                        : record(call, box));
    }

    private Future<RouteOutcome> record(RoutedCall call, VoicemailBox box) {
        Path file = settings.voicemailDirectory().resolve(box.id()).resolve(call.id() + ".wav");
        RecordOptions options = new RecordOptions(file, box.maxLength(), FINISH_KEY, Duration.ZERO);
        return call.call().record(options).transform(ar -> {
            if (ar.failed()) {
                LOG.warn("call={} voice message to box {} failed: {}", call.id(), box.id(), ar.cause().toString());
                discard(call, file);   // a write that failed half-way may have left part of the file
                return endings.hangUpAfter(call, settings.goodbyePrompt(), "voice message failed");
            }
            VoiceMessage message = ar.result();
            if (message.length().compareTo(settings.minMessageLength()) < 0) {
                LOG.info("call={} left no voice message in box {} ({} of audio, {})", call.id(), box.id(),
                        message.length(), message.reason());
                discard(call, message.file());
                return message.reason() == VoiceMessage.Reason.HUNG_UP
                        ? Future.succeededFuture(new RouteOutcome.CallerLeft())
                        : endings.hangUpAfter(call, settings.goodbyePrompt(), "no voice message");
            }
            call.call().notes().put(CallNotes.VOICEMAIL, message.file().toString());
            RouteOutcome.VoicemailLeft left = new RouteOutcome.VoicemailLeft(message.file(), message.reason());
            if (message.reason() == VoiceMessage.Reason.HUNG_UP) {
                return Future.succeededFuture(left);
            }
            return endings.hangUpAfter(call, settings.goodbyePrompt(), "voicemail left").map(ended -> left);
        });
    }

    /** Deletes the file of a message that is none, on the worker; a failure is logged, the call goes on. */
    private void discard(RoutedCall call, Path file) {
        worker.run(() -> Files.deleteIfExists(file)).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("call={} the file of a message that is none could not be deleted: {}: {}", call.id(), file,
                        ar.cause().toString());
            } else if (ar.result()) {
                LOG.debug("call={} deleted {}", call.id(), file);
            }
        });
    }

    private Future<PlaybackOutcome> play(RoutedCall call, String prompt) {
        return prompts.play(call.call(), prompt, PlayOptions.ONCE);
    }
}
