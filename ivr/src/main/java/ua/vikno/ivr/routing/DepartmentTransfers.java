package ua.vikno.ivr.routing;

import java.util.Locale;
import java.util.Optional;

import io.vertx.core.Future;
import ua.vikno.config.Target;
import ua.vikno.ivr.CallEvents;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.TransferHandler;

/**
 * An operator's blind transfer to a department (the softphone transfers to the department's id, such as
 * {@code water}): the caller is routed as {@code department:<id>} is, its ring group and then its fallback. The
 * transfer counts as connected once the caller talks to someone of the department, or of its fallback.
 */
public final class DepartmentTransfers implements TransferHandler {
    private final RingGroups groups;
    private final Router router;
    private final Optional<String> trunk;

    /** @param trunk the trunk for outside numbers a fallback may reach */
    public DepartmentTransfers(RingGroups groups, Router router, Optional<String> trunk) {
        this.groups = groups;
        this.router = router;
        this.trunk = trunk;
    }

    @Override
    public boolean accepts(String target) {
        return groups.group(id(target)).isPresent();
    }

    @Override
    public Future<Boolean> transfer(Call call, String target) {
        RoutedCall routed = new RoutedCall(call, new CallEvents(call), trunk);
        return router.route(routed, new Target(Target.Kind.DEPARTMENT, id(target)))
                .map(outcome -> outcome instanceof RouteOutcome.Connected);
    }

    private static String id(String target) {
        return target.toLowerCase(Locale.ROOT);
    }
}
