package ua.vikno.server.internal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import ua.vikno.sms.DeadLetter;
import ua.vikno.sms.SmsGateway;

/**
 * The SMS the gateway gave up on, for administrators: {@code GET /api/sms/dead-letters} lists them with the
 * error that ended each, {@code POST /api/sms/dead-letters/{id}/retry} queues one again with its attempts reset.
 */
final class DeadLetterRoutes {
    private DeadLetterRoutes() {
    }

    static void mount(Router router, SmsGateway gateway) {
        router.get("/api/sms/dead-letters").handler(ctx -> gateway.deadLetters().onComplete(ar -> {
            if (ar.failed()) {
                ApiReplies.error(ctx, 503, "SMS outbox unavailable: " + ar.cause().getMessage());
                return;
            }
            JsonArray items = new JsonArray();
            for (DeadLetter d : ar.result()) {
                items.add(new JsonObject().put("id", d.message().id()).put("destination", d.message().destination())
                        .put("text", d.message().text()).put("reference", d.message().reference())
                        .put("attempts", d.attempts()).put("lastError", d.lastError())
                        .put("failedAt", d.failedAt().toString()));
            }
            ApiReplies.json(ctx, 200, new JsonObject().put("items", items));
        }));
        router.post("/api/sms/dead-letters/:id/retry").handler(ctx -> gateway.retryDeadLetter(ctx.pathParam("id"))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        ApiReplies.error(ctx, 503, ar.cause().getMessage());
                    } else if (!ar.result()) {
                        ApiReplies.error(ctx, 404, "no dead letter " + ctx.pathParam("id"));
                    } else {
                        ApiReplies.json(ctx, 200, new JsonObject().put("id", ctx.pathParam("id")).put("requeued", true));
                    }
                }));
    }
}
