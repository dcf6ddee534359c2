package ua.vikno.ivr.routing;

import java.util.EnumMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import ua.vikno.config.Target;
import ua.vikno.pbx.HangupCause;

/**
 * The {@link Router}: one {@link TargetHandler} per kind of target, registered explicitly, and a limit on
 * how many targets one call may pass through so that a cycle of fallbacks ends the call instead of looping.
 */
public final class TargetRouter implements Router {
    private static final Logger LOG = LoggerFactory.getLogger(TargetRouter.class);
    private final Map<Target.Kind, TargetHandler> handlers = new EnumMap<>(Target.Kind.class);
    private final int maxHops;

    public TargetRouter(int maxHops) {
        this.maxHops = maxHops;
    }

    /** Registers the handler of its kind; a kind is handled once. */
    public TargetRouter register(TargetHandler handler) {
        if (handlers.putIfAbsent(handler.kind(), handler) != null) {
            throw new IllegalStateException("a handler for " + handler.kind().key() + " targets is registered already");
        }
        return this;
    }

    @Override
    public Future<RouteOutcome> route(RoutedCall call, Target target) {
        int hop = call.hop();
        if (hop > maxHops) {
            RoutingFailure failure = new RoutingFailure(call.id(), "more than " + maxHops
                    + " targets for one call, the last " + target + ": a cycle of fallbacks in the configuration?");
            return end(call, failure);
        }
        TargetHandler handler = handlers.get(target.kind());
        if (handler == null) {
            return end(call, new RoutingFailure(call.id(), "no handler for " + target.kind().key() + " targets"));
        }
        LOG.debug("call={} route to {}", call.id(), target);
        return handler.route(call, target.ref(), this)
                .recover(e -> e instanceof RoutingFailure f ? end(call, f)
                        : end(call, new RoutingFailure(call.id(), target + " failed: " + e.getMessage())));
    }

    private static Future<RouteOutcome> end(RoutedCall call, RoutingFailure failure) {
        LOG.warn("{}", failure.getMessage());
        return call.call().hangup(HangupCause.SYSTEM_ERROR)
                .<RouteOutcome>map(v -> new RouteOutcome.HungUp(failure.getMessage()))
                .otherwise(new RouteOutcome.HungUp(failure.getMessage()));
    }
}
