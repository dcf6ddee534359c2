package ua.vikno.server.internal;

import java.util.concurrent.CompletionStage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Lettuce completes its commands on its own threads; this brings the result back to the Vert.x context that
 * asked (a call's, a route's), so what follows runs where the rest of that work runs.
 */
final class OnCallerContext {
    private OnCallerContext() {
    }

    static <T> Future<T> on(CompletionStage<T> stage) {
        Context context = Vertx.currentContext();
        return context == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
    }
}
