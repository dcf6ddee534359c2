package ua.vikno.ivr.routing;

import java.util.Optional;

import io.vertx.core.Future;
import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.PlayOptions;
import ua.vikno.pbx.PlaybackOutcome;

/** The ways a routed call ends with Vikno hanging up: after a message, or at once. */
final class Endings {
    private final Prompts prompts;

    Endings(Prompts prompts) {
        this.prompts = prompts;
    }

    /** Plays {@code prompt} (when given and known), then hangs up; the caller may hang up first. */
    Future<RouteOutcome> hangUpAfter(RoutedCall call, Optional<String> prompt, String why) {
        Future<PlaybackOutcome> played = prompt.map(id -> prompts.play(call.call(), id, PlayOptions.ONCE))
                .orElse(Future.succeededFuture(PlaybackOutcome.FINISHED));
        return played.compose(outcome -> outcome == PlaybackOutcome.HUNG_UP
                ? Future.succeededFuture(new RouteOutcome.CallerLeft())
                : call.call().hangup(HangupCause.NORMAL).map(v -> new RouteOutcome.HungUp(why)));
    }
}
