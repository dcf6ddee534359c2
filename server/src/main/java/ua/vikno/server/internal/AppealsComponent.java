package ua.vikno.server.internal;

import java.time.Clock;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import ua.vikno.appeals.AppealChange;
import ua.vikno.appeals.AppealChangeListener;
import ua.vikno.appeals.AppealNotifier;
import ua.vikno.appeals.AppealService;
import ua.vikno.appeals.AppealsApi;
import ua.vikno.appeals.SmsNotifications;
import ua.vikno.config.ViknoConfig;
import ua.vikno.server.Component;
import ua.vikno.server.ComponentHealth;

/** The appeals registry on the shared Redis connection, and its HTTP API mounted under {@code /api}. */
public final class AppealsComponent implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(AppealsComponent.class);

    private final ViknoConfig config;
    private final RedisComponent redis;
    private final Router router;
    private final java.util.function.Supplier<java.util.Optional<SmsNotifications>> sms;
    private final Clock clock;
    private final AppealChangeListener changes;
    private final java.util.function.Function<io.vertx.ext.web.RoutingContext, String> actorOf;
    private AppealService service;
    private RedisChannel feed;

    /**
     * @param sms      the SMS notifications, known once the SMS component has started (empty when SMS is off)
     * @param changes  hears every appeal change of the registry, whichever node made it (the console)
     * @param actorOf  the logged-in user making an API request, for the appeal's history
     */
    public AppealsComponent(ViknoConfig config, RedisComponent redis, Router router,
                            java.util.function.Supplier<java.util.Optional<SmsNotifications>> sms, Clock clock,
                            AppealChangeListener changes,
                            java.util.function.Function<io.vertx.ext.web.RoutingContext, String> actorOf) {
        this.config = config;
        this.redis = redis;
        this.router = router;
        this.sms = sms;
        this.clock = clock;
        this.changes = changes;
        this.actorOf = actorOf;
    }

    @Override
    public String name() {
        return "appeals";
    }

    /** The service, once started. */
    public AppealService service() {
        return service;
    }

    @Override
    public Future<Void> start() {
        java.util.Optional<SmsNotifications> notifications = sms.get();
        AppealNotifier notifier = notifications.<AppealNotifier>map(n -> n).orElse(AppealNotifier.none());
        service = new AppealService(redis.connection().async(), redis.database(), clock,
                config.schedule().timeZone(), notifier);
        notifications.ifPresent(n -> n.attach(service));
        new AppealsApi(service, actorOf, clock).mount(router);
        String bind = config.network().http().bind();
        if (!bind.startsWith("127.") && !bind.equals("localhost") && !bind.equals("::1")) {
            LOG.warn("HTTP is bound to {}: the console's session cookie travels without TLS; "
                    + "put a TLS reverse proxy in front or bind HTTP to 127.0.0.1", bind);
        }
        feed = new RedisChannel(redis, AppealChange.channel(redis.database()), new RedisChannel.Listener() {
            @Override
            public void onMessage(String message) {
                AppealChange.parse(message).ifPresentOrElse(changes::onChange,
                        () -> LOG.warn("ignoring a malformed appeal change: {}", message));
            }

            @Override
            public void onResubscribed() {
                LOG.info("appeal changes heard again after Redis came back; consoles reread their appeals");
                changes.onChangesMissed();
            }
        });
        return feed.start();
    }

    @Override
    public Future<Void> stop() {
        if (feed != null) {
            feed.close();
            feed = null;
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<ComponentHealth> health() {
        return Future.succeededFuture(service == null ? ComponentHealth.down(Map.of("error", "not started"))
                : ComponentHealth.up(Map.of()));
    }
}
