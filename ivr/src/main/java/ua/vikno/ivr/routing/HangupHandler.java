package ua.vikno.ivr.routing;

import java.util.Optional;

import io.vertx.core.Future;
import ua.vikno.config.Target;
import ua.vikno.ivr.prompt.Prompts;

/** {@code hangup} or {@code hangup:<prompt>}: hangs up, after the prompt when one is named. */
public final class HangupHandler implements TargetHandler {
    private final Endings endings;

    public HangupHandler(Prompts prompts) {
        this.endings = new Endings(prompts);
    }

    @Override
    public Target.Kind kind() {
        return Target.Kind.HANGUP;
    }

    @Override
    public Future<RouteOutcome> route(RoutedCall call, String ref, Router router) {
        Optional<String> prompt = ref.isEmpty() ? Optional.empty() : Optional.of(ref);
        return endings.hangUpAfter(call, prompt, ref.isEmpty() ? "hangup" : "hangup after " + ref);
    }
}
