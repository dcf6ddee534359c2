package ua.vikno.ivr.routing;

import java.util.List;
import java.util.Optional;

import io.vertx.core.Future;
import ua.vikno.config.Department;
import ua.vikno.pbx.AudioPrompt;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.ConnectOutcome;
import ua.vikno.pbx.ConnectRequest;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.HangupCause;

/**
 * A department's lines as a ring group: the free members rung in the order of its {@link RingStrategy}, each
 * attempt for the department's ring timeout, until one answers or the plan runs out.
 */
public final class RingGroup {
    private final Department department;
    private final RingStrategy strategy;
    private final OperatorAvailability availability;

    RingGroup(Department department, RingStrategy strategy, OperatorAvailability availability) {
        this.department = department;
        this.strategy = strategy;
        this.availability = availability;
    }

    public Department department() {
        return department;
    }

    /** The members that can take a call now, in configuration order. */
    public List<String> freeMembers() {
        return department.members().stream().filter(availability::available).toList();
    }

    /** The free members in the order the strategy would ring them one by one (queues offer calls this way). */
    public List<String> order(List<String> free) {
        return strategy.plan(free).stream().flatMap(List::stream).distinct().toList();
    }

    /** Notes that {@code extension} was rung (round robin moves past it). */
    public void rang(String extension) {
        strategy.rang(extension);
    }

    /**
     * Rings the group for {@code call}; completes {@code NotConnected(UNAVAILABLE)} when no member is free,
     * {@code NotConnected(NO_ANSWER)} when nobody answered, or with the caller's abandonment.
     */
    public Future<ConnectOutcome> ring(Call call, Optional<AudioPrompt> whileRinging) {
        List<List<String>> plan = strategy.plan(freeMembers());
        if (plan.isEmpty()) {
            return Future.succeededFuture(new ConnectOutcome.NotConnected(HangupCause.UNAVAILABLE));
        }
        return attempt(call, plan, 0, whileRinging);
    }

    private Future<ConnectOutcome> attempt(Call call, List<List<String>> plan, int i, Optional<AudioPrompt> music) {
        if (i == plan.size()) {
            return Future.succeededFuture(new ConnectOutcome.NotConnected(HangupCause.NO_ANSWER));
        }
        List<String> lines = plan.get(i);
        lines.forEach(strategy::rang);
        List<Destination> destinations = lines.stream().<Destination>map(Destination.Line::new).toList();
        return call.connect(new ConnectRequest(destinations, department.ringTimeout(), music, Optional.empty()))
                .compose(outcome -> outcome instanceof ConnectOutcome.NotConnected n
                        && n.cause() != HangupCause.CALLER_ABANDONED
                        ? attempt(call, plan, i + 1, music)
                        : Future.succeededFuture(outcome));
    }
}
