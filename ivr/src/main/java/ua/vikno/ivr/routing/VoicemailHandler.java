package ua.vikno.ivr.routing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.vertx.core.Future;
import ua.vikno.config.Target;
import ua.vikno.config.VoicemailBox;
import ua.vikno.ivr.IvrSettings;
import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.PlayOptions;
import ua.vikno.pbx.PlaybackOutcome;
import ua.vikno.pbx.RecordOptions;
import ua.vikno.pbx.VoiceMessage;

/**
 * {@code voicemail:<box>}: the box's prompt, a beep, then a message recorded up to the box's maximum length,
 * finished early by {@code #} or by hanging up. The file goes into the call's notes as recording starts, so the
 * call record taken at a hang-up names it (a message ended with {@code #} at once is an empty WAV); after
 * {@code #} or the maximum, Vikno says goodbye and hangs up.
 */
public final class VoicemailHandler implements TargetHandler {
    /** The key that ends a message early. */
    public static final char FINISH_KEY = '#';

    private final Map<String, VoicemailBox> boxes;
    private final IvrSettings settings;
    private final Prompts prompts;
    private final Endings endings;

    public VoicemailHandler(Map<String, VoicemailBox> boxes, IvrSettings settings, Prompts prompts) {
        this.boxes = boxes;
        this.settings = settings;
        this.prompts = prompts;
        this.endings = new Endings(prompts);
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
        // Noted before the message exists: a caller who hangs up to end it (the usual way) ends the call, and the
        // call record is taken then, while the file is still being written.
        call.call().notes().put(CallNotes.VOICEMAIL, file.toString());
        return call.call().record(options).compose(message -> {
            RouteOutcome.VoicemailLeft left = new RouteOutcome.VoicemailLeft(message.file(), message.reason());
            if (message.reason() == VoiceMessage.Reason.HUNG_UP) {
                return Future.succeededFuture(left);
            }
            return endings.hangUpAfter(call, settings.goodbyePrompt(), "voicemail left").map(ended -> left);
        });
    }

    private Future<PlaybackOutcome> play(RoutedCall call, String prompt) {
        return prompts.find(prompt).map(p -> call.call().play(p, PlayOptions.ONCE))
                .orElse(Future.succeededFuture(PlaybackOutcome.FINISHED));
    }
}
