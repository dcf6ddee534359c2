package ua.vikno.server.internal;

import java.util.Optional;

import java.time.Clock;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import ua.vikno.config.Schedule;
import ua.vikno.ivr.schedule.WorkingHours;

/**
 * The working hours an administrator edits in the console — weekly hours with breaks, holidays, special days —
 * kept in Redis ({@value #KEY}) over the configuration file's, which apply again when the edit is removed.
 * {@code GET/PUT/DELETE /api/schedule/plan}. This node applies its own edits at once and announces them
 * ({@code changed}); every node rereads the key when it hears an announcement ({@link #reread()}) and, in case one
 * was missed, every {@value #REFRESH_MS} ms.
 */
final class SchedulePlanRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulePlanRoutes.class);
    static final String KEY = "vikno:schedule:plan";
    static final long REFRESH_MS = 30_000;

    /** The plan in force and where it came from. */
    private record InForce(Schedule schedule, WorkingHours hours, JsonObject edit) {
    }

    private final Vertx vertx;
    private final Schedule configured;
    private final RedisAsyncCommands<String, String> redis;
    private final Clock clock;
    private final Function<RoutingContext, String> actorOf;
    private final Runnable changed;
    private volatile InForce inForce;
    private long timer = -1;

    SchedulePlanRoutes(Vertx vertx, Schedule configured, RedisAsyncCommands<String, String> redis, Clock clock,
                       Function<RoutingContext, String> actorOf, Runnable changed) {
        this.vertx = vertx;
        this.configured = configured;
        this.redis = redis;
        this.clock = clock;
        this.actorOf = actorOf;
        this.changed = changed;
        this.inForce = new InForce(configured, new WorkingHours(configured), null);
    }

    /** The working hours in force now (for the schedule gate). */
    WorkingHours hours() {
        return inForce.hours();
    }

    /** Reads an edit left in Redis, then keeps rereading it; never fails (the file's plan stays on an error). */
    Future<Void> start() {
        timer = vertx.setPeriodic(REFRESH_MS, id -> reread());
        return reread();
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Reads the edit in Redis again; never fails (the plan in force stays on an error). */
    Future<Void> reread() {
        return OnCallerContext.on(redis.get(KEY)).map(text -> {
            apply(text == null ? null : new JsonObject(text));
            return (Void) null;
        }).recover(e -> {
            LOG.warn("the edited schedule could not be read, keeping the one in force: {}", e.toString());
            return Future.succeededFuture();
        });
    }

    private void apply(JsonObject edit) {
        if (edit == null) {
            if (inForce.edit() != null) {
                inForce = new InForce(configured, new WorkingHours(configured), null);
            }
            return;
        }
        try {
            Schedule s = SchedulePlan.fromJson(edit, configured);
            inForce = new InForce(s, new WorkingHours(s), edit);
        } catch (SchedulePlan.Invalid e) {
            LOG.warn("the edited schedule in {} is invalid, keeping the one in force: {}", KEY, e.getMessage());
        }
    }

    void mount(Router router) {
        router.get("/api/schedule/plan").handler(ctx -> ApiReplies.json(ctx, 200, json(inForce)));
        router.put("/api/schedule/plan").handler(this::put);
        router.delete("/api/schedule/plan").handler(ctx -> OnCallerContext.on(redis.del(KEY)).onComplete(ar -> {
            if (ar.failed()) {
                ApiReplies.error(ctx, 500, "could not remove the edited schedule");
                return;
            }
            apply(null);
            changed.run();
            LOG.info("schedule: back to the configuration file's, by {}", actorOf.apply(ctx));
            ApiReplies.json(ctx, 200, json(inForce));
        }));
    }

    private void put(RoutingContext ctx) {
        Optional<JsonObject> parsed = ApiReplies.jsonBody(ctx, "{week, holidays, specialDays}");
        if (parsed.isEmpty()) {
            return;
        }
        JsonObject body = parsed.get();
        Schedule plan;
        try {
            plan = SchedulePlan.fromJson(body, configured);
        } catch (SchedulePlan.Invalid e) {
            JsonArray errors = new JsonArray();
            e.errors.forEach(errors::add);
            ApiReplies.json(ctx, 400, new JsonObject().put("status", 400).put("error", e.getMessage()).put("errors", errors));
            return;
        }
        JsonObject edit = SchedulePlan.toJson(plan).put("updatedAt", clock.instant().toString())
                .put("updatedBy", actorOf.apply(ctx));
        OnCallerContext.on(redis.set(KEY, edit.encode())).onComplete(ar -> {
            if (ar.failed()) {
                ApiReplies.error(ctx, 500, "could not store the schedule");
                return;
            }
            inForce = new InForce(plan, new WorkingHours(plan), edit);
            changed.run();
            LOG.info("schedule edited by {}", edit.getString("updatedBy"));
            ApiReplies.json(ctx, 200, json(inForce));
        });
    }

    private static JsonObject json(InForce f) {
        JsonObject j = SchedulePlan.toJson(f.schedule()).put("source", f.edit() == null ? "config" : "edited");
        if (f.edit() != null) {
            j.put("updatedAt", f.edit().getString("updatedAt")).put("updatedBy", f.edit().getString("updatedBy"));
        }
        return j;
    }

}
