package ua.vikno.ivr.routing;

import io.vertx.core.Future;
import ua.vikno.config.Target;

/** {@code queue:<id>}: puts the caller in the queue until an operator, the fallback or a call-back takes over. */
public final class QueueHandler implements TargetHandler {
    private final CallQueues queues;

    public QueueHandler(CallQueues queues) {
        this.queues = queues;
    }

    @Override
    public Target.Kind kind() {
        return Target.Kind.QUEUE;
    }

    @Override
    public Future<RouteOutcome> route(RoutedCall call, String id, Router router) {
        return queues.queue(id).map(q -> q.join(call, router))
                .orElseGet(() -> Future.failedFuture(new RoutingFailure(call.id(), "unknown queue '" + id + "'")));
    }
}
