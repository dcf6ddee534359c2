package ua.vikno.ivr.routing;

import java.util.List;
import java.util.Optional;

import io.vertx.core.Future;
import ua.vikno.config.Line;
import ua.vikno.config.Target;
import ua.vikno.config.ViknoConfig;
import ua.vikno.ivr.IvrSettings;
import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.ConnectOutcome;
import ua.vikno.pbx.ConnectRequest;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.HangupCause;

/**
 * {@code line:<extension>}: rings one line when it is available; when it is not, or does not answer, the call
 * goes to the line's department (a colleague may take it), else to the operator target of the IVR.
 */
public final class LineHandler implements TargetHandler {
    private final ViknoConfig config;
    private final OperatorAvailability availability;
    private final IvrSettings settings;
    private final Endings endings;

    public LineHandler(ViknoConfig config, OperatorAvailability availability, IvrSettings settings, Prompts prompts) {
        this.config = config;
        this.availability = availability;
        this.settings = settings;
        this.endings = new Endings(prompts);
    }

    @Override
    public Target.Kind kind() {
        return Target.Kind.LINE;
    }

    @Override
    public Future<RouteOutcome> route(RoutedCall call, String extension, Router router) {
        Optional<Line> line = config.line(extension);
        if (line.isEmpty()) {
            return Future.failedFuture(new RoutingFailure(call.id(), "unknown line '" + extension + "'"));
        }
        line.get().department().ifPresent(d -> call.call().notes().put(CallNotes.DEPARTMENT, d));
        if (!availability.available(extension)) {
            return elsewhere(call, line.get(), router);
        }
        ConnectRequest request = new ConnectRequest(List.of(new Destination.Line(extension)),
                settings.lineRingTimeout(), Optional.empty(), Optional.empty());
        return call.call().connect(request).compose(outcome -> {
            if (outcome instanceof ConnectOutcome.Bridged b) {
                return Future.succeededFuture(new RouteOutcome.Connected(b.party()));
            }
            if (((ConnectOutcome.NotConnected) outcome).cause() == HangupCause.CALLER_ABANDONED) {
                return Future.succeededFuture(new RouteOutcome.CallerLeft());
            }
            return elsewhere(call, line.get(), router);
        });
    }

    private Future<RouteOutcome> elsewhere(RoutedCall call, Line line, Router router) {
        Optional<Target> next = line.department().<Target>map(d -> new Target(Target.Kind.DEPARTMENT, d))
                .or(() -> Optional.ofNullable(config.ivr().operator()))
                .filter(t -> !(t.kind() == Target.Kind.LINE && t.ref().equals(line.extension())));
        return next.map(t -> router.route(call, t))
                .orElseGet(() -> endings.hangUpAfter(call, settings.refusedPrompt(),
                        "line " + line.extension() + " unavailable"));
    }
}
