package ua.vikno.server.internal;

import java.util.Optional;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON answers of the server's own endpoints, shaped like the appeals API's: {@code {"error", "status"}}. */
public final class ApiReplies {
    private ApiReplies() {
    }

    public static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store").end(body.encode());
    }

    public static void error(RoutingContext ctx, int status, String message) {
        json(ctx, status, new JsonObject().put("error", message).put("status", status));
    }

    /**
     * The request's JSON object body; empty after answering 400 when it is malformed or missing ({@code shape}
     * says what is expected, e.g. {@code {week, holidays, specialDays}}).
     */
    public static Optional<JsonObject> jsonBody(RoutingContext ctx, String shape) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            error(ctx, 400, "malformed JSON body");
            return Optional.empty();
        }
        if (body == null) {
            error(ctx, 400, "a JSON object body is required" + (shape.isEmpty() ? "" : ": " + shape));
            return Optional.empty();
        }
        return Optional.of(body);
    }
}
