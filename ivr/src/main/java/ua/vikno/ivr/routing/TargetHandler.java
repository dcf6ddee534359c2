package ua.vikno.ivr.routing;

import io.vertx.core.Future;
import ua.vikno.config.Target;

/** Routes calls to one kind of target; registered with a {@link TargetRouter}. */
public interface TargetHandler {

    Target.Kind kind();

    /**
     * Takes the call to the target named {@code ref}; {@code router} continues to a fallback target.
     */
    Future<RouteOutcome> route(RoutedCall call, String ref, Router router);
}
