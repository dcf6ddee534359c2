package ua.vikno.ivr;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import ua.vikno.config.DialledNumber;
import ua.vikno.config.Ivr;
import ua.vikno.config.ViknoConfig;
import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.ivr.routing.RouteOutcome;
import ua.vikno.ivr.routing.RoutedCall;
import ua.vikno.ivr.routing.Router;
import ua.vikno.ivr.schedule.ScheduleGate;
import ua.vikno.ivr.schedule.ScheduleStatus;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Pbx;
import ua.vikno.pbx.PlayOptions;
import ua.vikno.pbx.PlaybackOutcome;

/**
 * The entry of every incoming call: the dialled number selects a flow; the flow answers, asks the schedule,
 * plays the working-hours or non-working-hours greeting (or a forced closure's own prompt, such as
 * {@code outage}) and routes the call to the branch's target.
 */
public final class EntryFlows {
    private static final Logger LOG = LoggerFactory.getLogger(EntryFlows.class);

    private final ViknoConfig config;
    private final ScheduleGate schedule;
    private final Prompts prompts;
    private final Router router;

    public EntryFlows(ViknoConfig config, ScheduleGate schedule, Prompts prompts, Router router) {
        this.config = config;
        this.schedule = schedule;
        this.prompts = prompts;
        this.router = router;
    }

    /** Takes every incoming call of {@code pbx}. */
    public void attach(Pbx pbx) {
        pbx.onIncomingCall(call -> handle(call).onFailure(e -> LOG.warn("call={} flow failed", call.id(), e)));
    }

    /** Runs the flow of the call's dialled number; completes when the IVR's part in the call is over. */
    public Future<RouteOutcome> handle(Call call) {
        DialledNumber number = config.numbers().get(call.dialled());
        Ivr.Flow flow = number == null ? null : config.ivr().flows().get(number.flow());
        if (flow == null) {
            LOG.info("call={} dialled {}: no flow answers it", call.id(), call.dialled());
            return call.hangup(HangupCause.REJECTED)
                    .map(v -> new RouteOutcome.HungUp("no flow for " + call.dialled()));
        }
        RoutedCall routed = new RoutedCall(call, new CallEvents(call), trunk(number));
        return call.answer()
                .compose(v -> schedule.now())
                .compose(status -> branch(routed, flow, status));
    }

    private Future<RouteOutcome> branch(RoutedCall call, Ivr.Flow flow, ScheduleStatus status) {
        call.call().notes().put(CallNotes.SCHEDULE, status.state().note());
        Ivr.Branch branch = status.open() ? flow.open() : flow.closed();
        Optional<String> greeting = status.prompt().or(branch::greeting);
        LOG.debug("call={} flow {} {} ({}), greeting {}", call.id(), flow.id(), status.state().note(),
                status.source(), greeting.orElse("none"));
        Future<PlaybackOutcome> played = greeting.map(id -> prompts.play(call.call(), id, PlayOptions.ONCE))
                .orElse(Future.succeededFuture(PlaybackOutcome.FINISHED));
        return played.compose(outcome -> outcome == PlaybackOutcome.HUNG_UP
                ? Future.succeededFuture(new RouteOutcome.CallerLeft())
                : router.route(call, branch.then()));
    }

    /** The number's trunk, or the first configured trunk for numbers dialled from inside (external targets). */
    private Optional<String> trunk(DialledNumber number) {
        return Optional.ofNullable(number.trunk()).filter(t -> !t.isEmpty())
                .or(() -> config.trunks().keySet().stream().sorted().findFirst());
    }
}
