package ua.vikno.appeals;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import ua.vikno.appeals.internal.AppealJson;

/**
 * The appeals HTTP API (JSON) under {@code /api}: the journal with filters and paging, one appeal with its
 * history, status changes, assignment and comments, call history (JSON and CSV) and statistics.
 * Errors are JSON {@code {"error": ...}} with 400, 404 or 409; nothing is changed by a refused request.
 */
public final class AppealsApi {
    private static final long MAX_BODY = 64 * 1024;
    private static final Duration DEFAULT_PERIOD = Duration.ofDays(31);

    private final AppealService appeals;
    private final Function<RoutingContext, String> actorOf;
    private final java.time.Clock clock;

    /** @param actorOf who is making the request (the logged-in user), for the appeal's history */
    public AppealsApi(AppealService appeals, Function<RoutingContext, String> actorOf, java.time.Clock clock) {
        this.appeals = appeals;
        this.actorOf = actorOf;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.route("/api/appeals*").handler(BodyHandler.create().setBodyLimit(MAX_BODY));
        router.get("/api/appeals").handler(ctx -> reply(ctx, query(ctx).compose(appeals::list).map(page -> new JsonObject()
                .put("total", page.total()).put("offset", page.offset()).put("limit", page.limit())
                .put("items", new JsonArray(page.items().stream().map(AppealJson::of).toList())))));
        router.get("/api/appeals/:number").handler(ctx -> reply(ctx, appeals.get(ctx.pathParam("number")).map(AppealJson::of)));
        router.get("/api/appeals/:number/history").handler(ctx -> reply(ctx, appeals.history(ctx.pathParam("number"))
                .map(list -> new JsonArray(list.stream().map(AppealJson::of).toList()))));
        router.post("/api/appeals/:number/status").handler(ctx -> reply(ctx, body(ctx).compose(b -> {
            String status = required(b, "status");
            AppealStatus to;
            try {
                to = AppealStatus.fromKey(status);
            } catch (IllegalArgumentException e) {
                throw new AppealFailure.Invalid("unknown status '" + status + "'");
            }
            return appeals.changeStatus(ctx.pathParam("number"), to, actorOf.apply(ctx), b.getString("comment", ""));
        }).map(AppealJson::of)));
        router.post("/api/appeals/:number/assign").handler(ctx -> reply(ctx, body(ctx).compose(b ->
                appeals.assign(ctx.pathParam("number"), required(b, "assignee"), actorOf.apply(ctx), b.getString("comment", "")))
                .map(AppealJson::of)));
        router.post("/api/appeals/:number/comments").handler(ctx -> reply(ctx, body(ctx).compose(b ->
                appeals.comment(ctx.pathParam("number"), actorOf.apply(ctx), required(b, "text"))).map(AppealJson::of)));
        router.post("/api/appeals/:number/sms").handler(ctx -> reply(ctx, body(ctx).compose(b ->
                appeals.sendPersonalSms(ctx.pathParam("number"), actorOf.apply(ctx), required(b, "text"))).map(AppealJson::of)));
        router.get("/api/calls").handler(ctx -> reply(ctx, period(ctx).compose(p -> appeals.calls(p[0], p[1]))
                .map(calls -> new JsonArray(calls.stream().map(AppealJson::of).toList()))));
        router.get("/api/calls.csv").handler(ctx -> period(ctx).compose(p -> appeals.calls(p[0], p[1])).onComplete(ar -> {
            if (ar.failed()) {
                error(ctx, ar.cause());
                return;
            }
            ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
                    .putHeader("content-disposition", "attachment; filename=\"calls.csv\"")
                    .end(CallHistoryCsv.of(ar.result()));
        }));
        router.get("/api/statistics").handler(ctx -> reply(ctx, period(ctx).compose(p -> {
            int within = intParam(ctx, "within", 20, 0, 3600);
            return appeals.calls(p[0], p[1]).map(calls -> json(CallStatistics.of(calls, Duration.ofSeconds(within)))
                    .put("from", p[0].toString()).put("to", p[1].toString()));
        })));
    }

    static JsonObject json(CallStatistics s) {
        Function<CallStatistics.Row, JsonObject> row = r -> new JsonObject().put("key", r.key()).put("offered", r.offered())
                .put("answered", r.answered()).put("missed", r.missed()).put("averageWaitSeconds", r.averageWaitSeconds())
                .put("averageTalkSeconds", r.averageTalkSeconds()).put("answeredWithinShare", r.answeredWithinShare());
        return new JsonObject().put("answeredWithinSeconds", s.answeredWithin().toSeconds()).put("total", row.apply(s.total()))
                .put("byDepartment", new JsonArray(s.byDepartment().stream().map(row).toList()))
                .put("byOperator", new JsonArray(s.byOperator().stream().map(row).toList()));
    }

    private Future<AppealQuery> query(RoutingContext ctx) {
        return period(ctx).map(p -> new AppealQuery(param(ctx, "phone"), param(ctx, "status").map(s -> {
            try {
                return AppealStatus.fromKey(s);
            } catch (IllegalArgumentException e) {
                throw new AppealFailure.Invalid("unknown status '" + s + "'");
            }
        }), param(ctx, "category"), param(ctx, "department"), param(ctx, "operator"), p[0], p[1],
                intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE), intParam(ctx, "limit", 50, 1, AppealQuery.MAX_LIMIT)));
    }

    private Future<Instant[]> period(RoutingContext ctx) {
        try {
            Instant to = param(ctx, "to").map(Instant::parse).orElse(clock.instant());
            Instant from = param(ctx, "from").map(Instant::parse).orElse(to.minus(DEFAULT_PERIOD));
            if (to.isBefore(from)) {
                return Future.failedFuture(new AppealFailure.Invalid("the period ends before it starts"));
            }
            return Future.succeededFuture(new Instant[] {from, to});
        } catch (DateTimeParseException e) {
            return Future.failedFuture(new AppealFailure.Invalid("bad time '" + e.getParsedString()
                    + "' (expected ISO-8601, e.g. 2026-11-26T08:00:00Z)"));
        }
    }

    private static Optional<String> param(RoutingContext ctx, String name) {
        return Optional.ofNullable(ctx.request().getParam(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
        Optional<String> text = param(ctx, name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(text.get());
            if (v < min || v > max) {
                throw new AppealFailure.Invalid(name + " must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new AppealFailure.Invalid(name + " must be a whole number, not '" + text.get() + "'");
        }
    }

    private static Future<JsonObject> body(RoutingContext ctx) {
        try {
            JsonObject b = ctx.body().asJsonObject();
            return b == null ? Future.failedFuture(new AppealFailure.Invalid("a JSON object body is required"))
                    : Future.succeededFuture(b);
        } catch (DecodeException | ClassCastException e) {
            return Future.failedFuture(new AppealFailure.Invalid("malformed JSON body"));
        }
    }

    private static String required(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new AppealFailure.Invalid("field '" + field + "' is required (a non-empty string)");
        }
        return s;
    }

    private static void reply(RoutingContext ctx, Future<?> result) {
        result.onComplete(ar -> {
            if (ar.failed()) {
                error(ctx, ar.cause());
                return;
            }
            Object v = ar.result();
            ctx.response().putHeader("content-type", "application/json; charset=utf-8")
                    .end(v instanceof JsonArray a ? a.encode() : ((JsonObject) v).encode());
        });
    }

    static void error(RoutingContext ctx, Throwable e) {
        int status = e instanceof AppealFailure.NotFound ? 404
                : e instanceof AppealFailure.IllegalTransition || e instanceof AppealFailure.Conflict ? 409
                : e instanceof AppealFailure.Invalid ? 400 : 500;
        String message = status == 500 ? "internal error" : e.getMessage();
        if (status == 500) {
            org.slf4j.LoggerFactory.getLogger(AppealsApi.class).error("{} {} failed", ctx.request().method(),
                    ctx.request().path(), e);
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", message).put("status", status).encode());
    }

    /** Call records as CSV for spreadsheets (UTF-8 with BOM so Excel shows Ukrainian text). */
    static final class CallHistoryCsv {
        private CallHistoryCsv() {
        }

        static String of(List<CompletedCall> calls) {
            StringBuilder out = new StringBuilder("\uFEFFcall_id,caller,dialled,started_at,answered_at,ended_at,kind,"
                    + "ivr_path,category,department,operator,queue_wait_s,talk_s,hangup_cause,recording\r\n");
            for (CompletedCall c : calls) {
                out.append(String.join(",", List.of(csv(c.callId()), csv(c.caller()), csv(c.dialledNumber()),
                        c.startedAt().toString(), c.answeredAt().map(Instant::toString).orElse(""), c.endedAt().toString(),
                        AppealJson.key(c.kind()), csv(c.ivrPath()), csv(String.join(" / ", c.category())),
                        csv(c.department().orElse("")), csv(c.operator().orElse("")),
                        String.valueOf(c.queueWait().toSeconds()), String.valueOf(c.talkTime().toSeconds()),
                        csv(c.hangupCause()), csv(c.recording().orElse(""))))).append("\r\n");
            }
            return out.toString();
        }

        private static String csv(String v) {
            String safe = v.isEmpty() || "=+-@".indexOf(v.charAt(0)) < 0 || v.matches("\\+?[0-9]+") ? v : "'" + v;
            return safe.matches(".*[\",\r\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
        }
    }
}
