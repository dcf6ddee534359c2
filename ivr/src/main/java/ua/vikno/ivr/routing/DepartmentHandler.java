package ua.vikno.ivr.routing;

import java.util.Optional;

import io.vertx.core.Future;
import ua.vikno.config.Target;
import ua.vikno.ivr.IvrSettings;
import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.ConnectOutcome;
import ua.vikno.pbx.HangupCause;

/**
 * {@code department:<id>}: rings the department's ring group; when nobody is free or answers, continues to the
 * department's fallback target, or says so and hangs up when it has none.
 */
public final class DepartmentHandler implements TargetHandler {
    private final RingGroups groups;
    private final IvrSettings settings;
    private final Endings endings;

    public DepartmentHandler(RingGroups groups, IvrSettings settings, Prompts prompts) {
        this.groups = groups;
        this.settings = settings;
        this.endings = new Endings(prompts);
    }

    @Override
    public Target.Kind kind() {
        return Target.Kind.DEPARTMENT;
    }

    @Override
    public Future<RouteOutcome> route(RoutedCall call, String id, Router router) {
        Optional<RingGroup> group = groups.group(id);
        if (group.isEmpty()) {
            return Future.failedFuture(new RoutingFailure(call.id(), "unknown department '" + id + "'"));
        }
        call.call().notes().put(CallNotes.DEPARTMENT, id);
        return group.get().ring(call.call(), Optional.empty()).compose(outcome -> {
            if (outcome instanceof ConnectOutcome.Bridged b) {
                return Future.succeededFuture(new RouteOutcome.Connected(b.party()));
            }
            if (((ConnectOutcome.NotConnected) outcome).cause() == HangupCause.CALLER_ABANDONED) {
                return Future.succeededFuture(new RouteOutcome.CallerLeft());
            }
            return group.get().department().fallback()
                    .map(fallback -> router.route(call, fallback))
                    .orElseGet(() -> endings.hangUpAfter(call, settings.refusedPrompt(),
                            "department " + id + " did not answer"));
        });
    }
}
