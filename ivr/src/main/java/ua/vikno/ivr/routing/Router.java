package ua.vikno.ivr.routing;

import io.vertx.core.Future;
import ua.vikno.config.Target;

/** Sends a call to a routing target and completes when the IVR's part in the call is over. */
public interface Router {

    Future<RouteOutcome> route(RoutedCall call, Target target);
}
