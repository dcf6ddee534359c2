package ua.vikno.server.internal;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import ua.vikno.server.HealthStatus;

/** {@code GET /health} (JSON, 200 when all components are UP, else 503) and {@code GET /metrics} (Prometheus text). */
public final class OperationsRoutes {
    private OperationsRoutes() {
    }

    public static void mount(Router router, HealthMonitor health, Metrics metrics) {
        router.get("/health").handler(ctx -> health.report().onComplete(ar -> {
            JsonObject body = ar.succeeded() ? ar.result()
                    : new JsonObject().put("status", HealthStatus.DOWN.name()).put("error", String.valueOf(ar.cause()));
            boolean up = HealthStatus.UP.name().equals(body.getString("status"));
            ctx.response().setStatusCode(up ? 200 : 503)
                    .putHeader("content-type", "application/json; charset=utf-8")
                    .putHeader("cache-control", "no-store")
                    .end(body.encodePrettily());
        }));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
    }
}
