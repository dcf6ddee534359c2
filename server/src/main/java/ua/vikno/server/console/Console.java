package ua.vikno.server.console;

import ua.vikno.server.internal.ApiReplies;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.SessionStore;
import ua.vikno.appeals.AppealChange;
import ua.vikno.appeals.AppealChangeListener;
import ua.vikno.appeals.AppealService;
import ua.vikno.config.ViknoConfig;
import ua.vikno.pbx.sip.registrar.LocationService;

/**
 * The web console: the single-page app from {@code webroot/} at {@code /}, the login and the session that guard
 * {@code /api}, live appeal events, the schedule's state and recordings. Mount it before the appeals API.
 */
public final class Console {
    public static final String SESSION_COOKIE = "vikno_session";
    static final Duration IDLE_TIMEOUT = Duration.ofHours(1);
    /** bcrypt checks allowed at once (each takes a worker thread for ~0.1 s at cost 10). */
    static final int MAX_PASSWORD_CHECKS = 4;

    private final Vertx vertx;
    private final ViknoConfig config;
    private final Clock clock;
    private final Supplier<AppealService> appeals;
    private final PasswordVerifier passwords;
    private final MeterRegistry meters;
    private final Supplier<Optional<LocationService>> locations;
    private final Supplier<Optional<ua.vikno.server.internal.DoNotDisturbCodes>> doNotDisturb;
    private final RingingLines ringing;
    private final Supplier<Optional<RedisAsyncCommands<String, String>>> redis;

    /**
     * Builds the password checker, which costs one bcrypt hash: call off the event loop.
     *
     * @param locations    where lines are registered, once SIP has started (empty before, or without SIP)
     * @param doNotDisturb the lines' do-not-disturb, once SIP has started
     * @param redis        the shared Redis connection's commands, once connected (the logins live there)
     */
    public Console(Vertx vertx, ViknoConfig config, Clock clock, Supplier<AppealService> appeals,
                   Supplier<Optional<LocationService>> locations,
                   Supplier<Optional<ua.vikno.server.internal.DoNotDisturbCodes>> doNotDisturb,
                   Supplier<Optional<RedisAsyncCommands<String, String>>> redis, MeterRegistry meters) {
        this.vertx = vertx;
        this.config = config;
        this.clock = clock;
        this.appeals = appeals;
        this.meters = meters;
        this.locations = locations;
        this.doNotDisturb = doNotDisturb;
        this.redis = redis;
        this.passwords = new PasswordVerifier(vertx, MAX_PASSWORD_CHECKS);
        this.ringing = new RingingLines(vertx.eventBus(), clock);
        vertx.eventBus().registerDefaultCodec(AppealEvent.class, new AppealEvent.LocalCodec());
        vertx.eventBus().registerDefaultCodec(IncomingCall.class, new IncomingCall.LocalCodec());
    }

    /** Announces to the console every ringing of an internal line by {@code call}: give it every call the node serves. */
    public void follow(ua.vikno.pbx.Call call) {
        ringing.follow(call);
    }

    /** Passes incoming calls between this node's consoles and the other nodes' of {@code redis}: start it after Redis. */
    public IncomingCallRelay incomingCallRelay(ua.vikno.server.internal.RedisComponent redis) {
        return new IncomingCallRelay(vertx, redis);
    }

    /**
     * Hears every appeal change of the registry (whichever node, operator or SMS receipt made it) and announces it
     * to the open consoles; after a gap in the feed, tells them to read their appeals again.
     */
    public AppealChangeListener appealChanges() {
        return new AppealChangeListener() {
            @Override
            public void onChange(AppealChange change) {
                vertx.eventBus().publish(ConsoleAddresses.APPEAL_EVENTS, new AppealEvent(change.created()
                        ? AppealEvent.Kind.CREATED : AppealEvent.Kind.CHANGED, change.number(), change.status(),
                        change.action(), clock.instant()));
            }

            @Override
            public void onChangesMissed() {
                vertx.eventBus().publish(ConsoleAddresses.APPEALS_RESYNC, "");
            }
        };
    }

    public void mount(Router router) {
        router.route().handler(Console::securityHeaders);
        SessionStore sessions = new RedisSessionStore(vertx, redis, clock, IDLE_TIMEOUT);
        SessionHandler sessionHandler = SessionHandler.create(sessions)
                .setSessionCookieName(SESSION_COOKIE).setCookieHttpOnlyFlag(true)
                .setCookieSameSite(CookieSameSite.STRICT).setSessionTimeout(IDLE_TIMEOUT.toMillis());
        router.route("/api/*").handler(sessionHandler).handler(new ApiGuard());
        new LoginRoutes(config.users(), passwords, LoginThrottle.defaults(redis, clock), vertx.eventBus(), sessionHandler,
                meters).mount(router);
        new LiveEvents(vertx, sessions).mount(router);
        new DirectoryRoutes(config).mount(router);
        new LineRoutes(config, locations, clock).mount(router);
        new DoNotDisturbRoutes(doNotDisturb).mount(router);
        new RecordingRoutes(vertx, config.recording().directory(), appeals).mount(router);
        router.route("/api/*").order(Integer.MAX_VALUE).handler(ctx -> ApiReplies.error(ctx, 404,
                "no such API: " + ctx.request().method() + " " + ctx.normalizedPath()));
        router.routeWithRegex(HttpMethod.GET, "^/(?!api/|api$|health$|metrics$).*")
                .handler(StaticHandler.create("webroot").setDefaultContentEncoding("UTF-8").setMaxAgeSeconds(60));
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response().putHeader("x-content-type-options", "nosniff").putHeader("referrer-policy", "no-referrer")
                .putHeader("x-frame-options", "DENY")
                .putHeader("content-security-policy", "default-src 'self'; img-src 'self' data:; media-src 'self';"
                        + " style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none';"
                        + " base-uri 'none'; form-action 'self'");
        ctx.next();
    }
}
