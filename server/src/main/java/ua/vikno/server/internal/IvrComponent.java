package ua.vikno.server.internal;

import java.util.Optional;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import ua.vikno.config.ViknoConfig;
import ua.vikno.ivr.prompt.JaveConverter;
import ua.vikno.ivr.prompt.PromptLibrary;
import ua.vikno.ivr.prompt.Worker;
import ua.vikno.ivr.schedule.ScheduleGate;
import ua.vikno.ivr.schedule.ScheduleOverride;
import ua.vikno.ivr.schedule.ScheduleStatus;
import ua.vikno.server.Component;
import ua.vikno.server.ComponentHealth;

/**
 * The IVR's start-up work and its HTTP API: every prompt is converted (once, cached next to the recordings) and
 * checked before the node takes calls — a missing or too long prompt stops start-up with its name — and the
 * schedule's effective state and manual override are served under {@code /api/schedule}. An edit of the plan or
 * the override is announced on the Redis channel {@value #SCHEDULE_CHANNEL}{@code :<database>}, and every node
 * rereads what changed when it hears it, or when its subscription is made again after Redis was away.
 */
public final class IvrComponent implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(IvrComponent.class);
    private static final Duration MAX_OVERRIDE = Duration.ofDays(31);
    static final String SCHEDULE_CHANNEL = "vikno:schedule:changes";
    /** Announcements on {@link #SCHEDULE_CHANNEL}: what was edited. */
    private static final String PLAN = "plan";
    private static final String OVERRIDE = "override";

    private final Vertx vertx;
    private final ViknoConfig config;
    private final RedisComponent redis;
    private final Router router;
    private final Clock clock;
    private PromptLibrary prompts;
    private ScheduleGate schedule;
    private RedisOverrideStore overrides;
    private SchedulePlanRoutes plan;
    private RedisChannel changes;
    private final Function<RoutingContext, String> actorOf;

    /** @param actorOf the logged-in user making an API request, for the log of schedule edits */
    public IvrComponent(Vertx vertx, ViknoConfig config, RedisComponent redis, Router router, Clock clock,
                        Function<RoutingContext, String> actorOf) {
        this.vertx = vertx;
        this.config = config;
        this.redis = redis;
        this.router = router;
        this.clock = clock;
        this.actorOf = actorOf;
    }

    @Override
    public String name() {
        return "ivr";
    }

    public PromptLibrary prompts() {
        return prompts;
    }

    public ScheduleGate schedule() {
        return schedule;
    }

    /** The override store the IVR's flows consult. */
    public RedisOverrideStore overrides() {
        return overrides;
    }

    /** Where converted prompts are cached: beside the recordings directory. */
    private Path cacheDirectory() {
        return config.recording().directory().resolveSibling("prompt-cache");
    }

    /** Where the administrator's uploaded prompts are kept: beside the recordings directory. */
    private Path uploadsDirectory() {
        return config.recording().directory().resolveSibling("prompts-uploaded");
    }

    /** Runs the IVR's file work on Vert.x's worker pool. */
    public Worker worker() {
        return new Worker() {
            @Override
            public <T> Future<T> run(Callable<T> work) {
                return vertx.executeBlocking(work, false);
            }
        };
    }

    @Override
    public Future<Void> start() {
        Worker worker = worker();
        long t0 = System.nanoTime();
        JaveConverter converter = new JaveConverter();
        return worker.run(() -> PromptRoutes.withUploads(config.prompts(), uploadsDirectory()))
                .compose(files -> PromptLibrary.load(files, cacheDirectory(), converter, worker))
                .recover(e -> Future.failedFuture(new IllegalStateException("prompts: " + e.getMessage())))
                .compose(library -> {
                    prompts = library;
                    LOG.info("{} prompts ready in {} ms (cache {})", library.ids().size(),
                            (System.nanoTime() - t0) / 1_000_000, cacheDirectory());
                    overrides = new RedisOverrideStore(redis.connection().async());
                    changes = new RedisChannel(redis, RedisChannel.named(SCHEDULE_CHANNEL, redis),
                            new RedisChannel.Listener() {
                                @Override
                                public void onMessage(String edited) {
                                    reread(edited);
                                }

                                @Override
                                public void onResubscribed() {
                                    reread("");
                                }
                            });
                    plan = new SchedulePlanRoutes(vertx, config.schedule(), redis.connection().async(), clock, actorOf,
                            () -> changes.publish(PLAN));
                    schedule = new ScheduleGate(plan::hours, overrides, clock);
                    mount();
                    plan.mount(router);
                    new PromptRoutes(vertx, config.prompts(), library, cacheDirectory(), uploadsDirectory(), converter,
                            worker).mount(router);
                    return plan.start().compose(v -> changes.start());
                });
    }

    /** Rereads the edited part of the schedule ({@value #PLAN}, {@value #OVERRIDE}), or both for anything else. */
    private void reread(String edited) {
        if (!edited.equals(OVERRIDE)) {
            plan.reread();
        }
        if (!edited.equals(PLAN)) {
            overrides.reread();
        }
    }

    private void mount() {
        // only requests that carry a body: Java's HttpClient sends "Content-Length: 0" with a GET
        router.route("/api/schedule*").method(HttpMethod.PUT).method(HttpMethod.POST).method(HttpMethod.PATCH)
                .handler(BodyHandler.create().setBodyLimit(16 * 1024));
        router.get("/api/schedule").handler(ctx -> schedule.now().onComplete(ar -> {
            if (ar.failed()) {
                ApiReplies.error(ctx, 500, "schedule unavailable");
                return;
            }
            ApiReplies.json(ctx, 200, json(ar.result()));
        }));
        router.put("/api/schedule/override").handler(this::setOverride);
        router.delete("/api/schedule/override").handler(ctx -> overrides.clear()
                .onSuccess(v -> changes.publish(OVERRIDE))
                .compose(v -> schedule.now())
                .onSuccess(status -> ApiReplies.json(ctx, 200, json(status)))
                .onFailure(e -> ApiReplies.error(ctx, 500, "could not clear the override")));
    }

    private void setOverride(RoutingContext ctx) {
        Optional<JsonObject> parsed = ApiReplies.jsonBody(ctx, "");
        if (parsed.isEmpty()) {
            return;
        }
        JsonObject body = parsed.get();
        String state = body.getString("state", "");
        Instant until;
        try {
            until = Instant.parse(body.getString("until", ""));
        } catch (DateTimeParseException e) {
            ApiReplies.error(ctx, 400, "field 'until' must be an ISO-8601 time, e.g. 2026-11-26T18:00:00Z");
            return;
        }
        Instant now = clock.instant();
        if (!until.isAfter(now) || until.isAfter(now.plus(MAX_OVERRIDE))) {
            ApiReplies.error(ctx, 400, "field 'until' must be in the future and within " + MAX_OVERRIDE.toDays() + " days");
            return;
        }
        String reason = body.getString("reason", "");
        ScheduleOverride override;
        switch (state.toLowerCase(Locale.ROOT)) {
            case "open" -> override = ScheduleOverride.forceOpen(until, reason);
            case "closed" -> {
                String prompt = body.getString("prompt", "");
                if (prompts.find(prompt).isEmpty()) {
                    ApiReplies.error(ctx, 400, "field 'prompt' must name a configured prompt (e.g. outage), not '" + prompt + "'");
                    return;
                }
                override = ScheduleOverride.forceClosed(prompt, until, reason);
            }
            default -> {
                ApiReplies.error(ctx, 400, "field 'state' must be open or closed");
                return;
            }
        }
        overrides.set(override).onSuccess(v -> changes.publish(OVERRIDE)).compose(v -> schedule.now())
                .onSuccess(status -> {
                    LOG.atInfo().addKeyValue("until", until).log("schedule forced {}: {}", state, reason);
                    ApiReplies.json(ctx, 200, json(status));
                })
                .onFailure(e -> ApiReplies.error(ctx, 500, "could not store the override"));
    }

    /** The effective state, with the override if one applies; {@code zone}/{@code timeZone} are the same. */
    private static JsonObject json(ScheduleStatus s) {
        return new JsonObject().put("state", s.state().note()).put("open", s.open()).put("describe", s.describe())
                .put("source", s.source().name().toLowerCase(Locale.ROOT).replace('_', '-')).put("name", s.name().orElse(null))
                .put("prompt", s.prompt().orElse(null)).put("nextChange", s.nextChange().map(Instant::toString).orElse(null))
                .put("nextChangeLocal", s.nextChange().map(t -> t.atZone(s.zone()).toLocalDateTime().toString()).orElse(null))
                .put("timeZone", s.zone().getId()).put("zone", s.zone().getId());
    }


    @Override
    public Future<Void> stop() {
        if (changes != null) {
            changes.close();
        }
        if (plan != null) {
            plan.stop();
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<ComponentHealth> health() {
        return Future.succeededFuture(prompts == null ? ComponentHealth.down(Map.of("error", "prompts not loaded"))
                : ComponentHealth.up(Map.of("prompts", prompts.ids().size())));
    }

}
