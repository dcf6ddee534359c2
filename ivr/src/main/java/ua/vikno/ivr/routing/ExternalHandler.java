package ua.vikno.ivr.routing;

import java.util.List;
import java.util.Optional;

import io.vertx.core.Future;
import ua.vikno.config.Target;
import ua.vikno.ivr.IvrSettings;
import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.pbx.ConnectOutcome;
import ua.vikno.pbx.ConnectRequest;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.HangupCause;

/** {@code external:<number>}: rings an outside number through the call's trunk; if nobody answers, says so and hangs up. */
public final class ExternalHandler implements TargetHandler {
    private final IvrSettings settings;
    private final Endings endings;

    public ExternalHandler(IvrSettings settings, Prompts prompts) {
        this.settings = settings;
        this.endings = new Endings(prompts);
    }

    @Override
    public Target.Kind kind() {
        return Target.Kind.EXTERNAL;
    }

    @Override
    public Future<RouteOutcome> route(RoutedCall call, String number, Router router) {
        if (call.trunk().isEmpty()) {
            return Future.failedFuture(new RoutingFailure(call.id(), "no trunk to reach external " + number));
        }
        ConnectRequest request = new ConnectRequest(List.of(new Destination.External(number, call.trunk().get())),
                settings.externalRingTimeout(), Optional.empty(), Optional.empty());
        return call.call().connect(request).compose(outcome -> {
            if (outcome instanceof ConnectOutcome.Bridged b) {
                return Future.succeededFuture(new RouteOutcome.Connected(b.party()));
            }
            HangupCause cause = ((ConnectOutcome.NotConnected) outcome).cause();
            if (cause == HangupCause.CALLER_ABANDONED) {
                return Future.succeededFuture(new RouteOutcome.CallerLeft());
            }
            return endings.hangUpAfter(call, settings.refusedPrompt(), "external " + number + ": " + cause);
        });
    }
}
