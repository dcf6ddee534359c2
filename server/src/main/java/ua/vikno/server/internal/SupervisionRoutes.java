package ua.vikno.server.internal;

import java.util.Locale;
import java.util.Optional;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import ua.vikno.supervisor.MonitorMode;
import ua.vikno.supervisor.MonitorOutcome;
import ua.vikno.supervisor.MonitorRefusal;
import ua.vikno.supervisor.MonitorRequest;
import ua.vikno.supervisor.MonitorSession;
import ua.vikno.supervisor.SupervisorService;

/**
 * The supervision API of the console: {@code POST /api/supervision} {@code {supervisor, line, mode}} calls the
 * supervisor's line and, once it answers, monitors {@code line} (200 with the session; 403 or 409 with the refusal);
 * {@code GET /api/calls/live} lists the calls in progress.
 */
final class SupervisionRoutes {
    private final SupervisorService supervisor;
    private final LiveCallList live;

    private SupervisionRoutes(SupervisorService supervisor, LiveCallList live) {
        this.supervisor = supervisor;
        this.live = live;
    }

    static void mount(Router router, SupervisorService supervisor, LiveCallList live) {
        SupervisionRoutes routes = new SupervisionRoutes(supervisor, live);
        router.post("/api/supervision").handler(BodyHandler.create().setBodyLimit(4 * 1024)).handler(routes::start);
        router.get("/api/calls/live").handler(ctx -> ApiReplies.json(ctx, 200, live.toJson()));
    }

    private void start(RoutingContext ctx) {
        Optional<JsonObject> parsed = ApiReplies.jsonBody(ctx, "{\"supervisor\":\"105\",\"line\":\"210\",\"mode\":\"listen\"}");
        if (parsed.isEmpty()) {
            return;
        }
        JsonObject body = parsed.get();
        String from = String.valueOf(body.getValue("supervisor", ""));
        String line = String.valueOf(body.getValue("line", ""));
        Optional<MonitorMode> mode = mode(body.getString("mode", "listen"));
        if (mode.isEmpty()) {
            ApiReplies.error(ctx, 400, "field 'mode' must be listen, whisper or barge, not '" + body.getString("mode") + "'");
            return;
        }
        // The same validation as the feature code a phone would dial.
        Optional<MonitorRequest> request = MonitorRequest.parse(mode.get().featureCode() + line);
        if (from.isBlank() || request.isEmpty()) {
            ApiReplies.error(ctx, 400, "fields 'supervisor' and 'line' must be extensions, not '" + from + "' and '" + line + "'");
            return;
        }
        supervisor.startFromConsole(from, request.get()).onComplete(ar -> {
            if (ar.failed()) {
                ApiReplies.error(ctx, 500, "monitoring could not start: " + ar.cause().getMessage());
            } else if (ar.result() instanceof MonitorOutcome.Started started) {
                ApiReplies.json(ctx, 200, session(from, line, started.session()));
            } else {
                MonitorRefusal reason = ((MonitorOutcome.Refused) ar.result()).reason();
                int status = reason == MonitorRefusal.NOT_A_SUPERVISOR ? 403 : 409;
                ApiReplies.json(ctx, status, new JsonObject().put("status", status)
                        .put("refused", reason.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .put("error", explain(reason, from, line)));
            }
        });
    }

    private static JsonObject session(String from, String line, MonitorSession session) {
        return new JsonObject()
                .put("supervisor", from)
                .put("line", line)
                .put("mode", session.mode().name().toLowerCase(Locale.ROOT))
                .put("call", session.monitoredCall().id())
                .put("caller", session.monitoredCall().caller().number())
                .put("callStartedAt", session.monitoredCall().startedAt().toString());
    }

    private static Optional<MonitorMode> mode(String name) {
        try {
            return Optional.of(MonitorMode.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String explain(MonitorRefusal reason, String from, String line) {
        return switch (reason) {
            case NOT_A_SUPERVISOR -> "line " + from + " does not have the supervisor role";
            case NO_LIVE_CALL -> "line " + line + " has no call in progress";
            case OWN_LINE -> "a supervisor cannot monitor their own line " + line;
            case SUPERVISOR_UNREACHABLE -> "line " + from + " did not answer (not registered, busy or no answer)";
        };
    }

}
