package ua.vikno.server.console;

import java.util.Optional;
import java.util.function.Supplier;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import ua.vikno.config.Role;
import ua.vikno.server.internal.ApiReplies;
import ua.vikno.server.internal.DoNotDisturbCodes;

/**
 * {@code GET/PUT /api/dnd}: the console's do-not-disturb switch, the same state as the softphone's *78 / *79. An
 * operator switches their own line; a supervisor or an administrator may name any line ({@code ?line=210} or
 * {@code {"line":"210","on":true}}).
 */
final class DoNotDisturbRoutes {
    static final String PATH = "/api/dnd";
    private final Supplier<Optional<DoNotDisturbCodes>> doNotDisturb;

    DoNotDisturbRoutes(Supplier<Optional<DoNotDisturbCodes>> doNotDisturb) {
        this.doNotDisturb = doNotDisturb;
    }

    void mount(Router router) {
        router.get(PATH).handler(ctx -> line(ctx, ctx.request().getParam("line")).ifPresent(line -> service(ctx)
                .ifPresent(dnd -> ApiReplies.json(ctx, 200, state(line, dnd.isOn(line))))));
        router.put(PATH).handler(BodyHandler.create().setBodyLimit(1024)).handler(this::put);
    }

    private void put(RoutingContext ctx) {
        Optional<JsonObject> body = ApiReplies.jsonBody(ctx, "{\"on\": true}");
        if (body.isEmpty()) {
            return;
        }
        Object on = body.get().getValue("on");
        if (!(on instanceof Boolean wanted)) {
            ApiReplies.error(ctx, 400, "\"on\" must be true or false");
            return;
        }
        line(ctx, body.get().getString("line")).ifPresent(line -> service(ctx).ifPresent(dnd -> dnd.set(line, wanted)
                .onComplete(kept -> ApiReplies.json(ctx, 200, state(line, dnd.isOn(line))
                        .put("kept", kept.succeeded())))));
    }

    /** The line the request is about, after answering 400/403 when there is none or it is not the user's to set. */
    private Optional<String> line(RoutingContext ctx, String asked) {
        ConsoleSession user = ConsoleSession.of(ctx).orElseThrow(); // ApiGuard lets no request without one here
        boolean anyLine = user.roles().contains(Role.SUPERVISOR) || user.roles().contains(Role.ADMIN);
        if (asked == null || asked.isBlank()) {
            if (user.line().isEmpty()) {
                ApiReplies.error(ctx, 400, "you have no line: name one with \"line\"");
            }
            return user.line();
        }
        if (!anyLine && !user.line().map(asked::equals).orElse(false)) {
            ApiReplies.error(ctx, 403, "an operator switches only their own line");
            return Optional.empty();
        }
        return Optional.of(asked);
    }

    private Optional<DoNotDisturbCodes> service(RoutingContext ctx) {
        Optional<DoNotDisturbCodes> dnd = doNotDisturb.get();
        if (dnd.isEmpty()) {
            ApiReplies.error(ctx, 503, "the telephony part is not started");
        }
        return dnd;
    }

    private static JsonObject state(String line, boolean on) {
        return new JsonObject().put("line", line).put("on", on);
    }
}
