package ua.vikno.server;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Clock;

import java.util.Optional;

import ua.vikno.appeals.AppealService;
import ua.vikno.config.ViknoConfig;
import ua.vikno.server.console.Console;
import ua.vikno.server.console.ConsoleSession;
import ua.vikno.server.internal.AppealsComponent;
import ua.vikno.server.internal.HealthMonitor;
import ua.vikno.server.internal.HttpComponent;
import ua.vikno.server.internal.IvrComponent;
import ua.vikno.server.internal.Metrics;
import ua.vikno.server.internal.OperationsRoutes;
import ua.vikno.server.internal.RedisComponent;
import ua.vikno.server.internal.SipComponent;
import ua.vikno.server.internal.SmsComponent;

/**
 * The running Vikno node: builds the object graph from a validated configuration, starts the components in
 * order (Redis first, HTTP last) and stops them in reverse order.
 */
public final class ViknoServer {
    private static final Logger LOG = LoggerFactory.getLogger(ViknoServer.class);
    private static final long HEALTH_POLL_MS = 2000;

    private final ViknoConfig config;
    private final Vertx vertx;
    private final Metrics metrics;
    private final List<Component> components = new ArrayList<>();
    private final List<List<Component>> stages = new ArrayList<>();
    private final List<Component> started = new ArrayList<>();
    private final HttpComponent http;
    private final AppealsComponent appeals;
    private final SipComponent sip;
    private HealthMonitor health;
    private Future<Void> stopping;

    private ViknoServer(ViknoConfig config) {
        this.config = config;
        this.metrics = new Metrics();
        this.vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true))
                        // epoll (netty-transport-native-epoll): about a fifth less CPU per relayed RTP packet than NIO
                        .setPreferNativeTransport(true))
                .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
                .build();
        if (vertx.isNativeTransportEnabled()) {
            LOG.info("network transport: native epoll");
        } else {
            LOG.warn("network transport: Java NIO, native epoll is unavailable ({}); RTP relay costs more CPU",
                    String.valueOf(vertx.unavailableNativeTransportCause()));
        }
        RedisComponent redis = new RedisComponent(vertx, config.redis());
        Router router = Router.router(vertx);
        Console console = new Console(vertx, config, Clock.systemUTC(), this::appeals, this::lineLocations,
                this::doNotDisturb, () -> Optional.ofNullable(redis.connection()).map(c -> c.async()),
                metrics.registry());
        console.mount(router);
        this.http = new HttpComponent(vertx, config.network().http(), router);
        String node = nodeName();
        Optional<SmsComponent> sms = config.sms().enabled()
                ? Optional.of(new SmsComponent(vertx, config, redis, Clock.systemUTC(), node, router))
                : Optional.empty();
        this.appeals = new AppealsComponent(config, redis, router,
                () -> sms.flatMap(SmsComponent::notifications), Clock.systemUTC(),
                console.appealChanges(), ConsoleSession::actor);
        IvrComponent ivr = new IvrComponent(vertx, config, redis, router, Clock.systemUTC(),
                ConsoleSession::actor);
        this.sip = new SipComponent(vertx, config, redis, ivr, appeals, metrics.registry(), node, router,
                console::follow);
        // Stages start one after another; the components of one stage start together.
        stages.add(List.of(redis));
        List<Component> independent = new ArrayList<>(List.of(ivr, console.incomingCallRelay(redis)));
        sms.ifPresent(independent::add);
        stages.add(independent);
        stages.add(List.of(appeals));
        stages.add(List.of(sip));
        stages.add(List.of(http));
        stages.forEach(components::addAll);
        this.health = new HealthMonitor(vertx, components, metrics.registry());
        OperationsRoutes.mount(router, health, metrics);
    }

    /** This node's name: {@code VIKNO_NODE}, else the host name. */
    static String nodeName() {
        String configured = System.getenv("VIKNO_NODE");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "vikno";
        }
    }

    /** Starts a node; the future fails (with everything started so far stopped again) when a component cannot start. */
    public static Future<ViknoServer> start(ViknoConfig config) {
        ViknoServer server = new ViknoServer(config);
        return server.startComponents(0).map(v -> {
            server.health.start(HEALTH_POLL_MS);
            return server;
        }).recover(e -> server.stop().transform(ignored -> Future.<ViknoServer>failedFuture(e)));
    }

    private Future<Void> startComponents(int stage) {
        if (stage == stages.size()) {
            return Future.succeededFuture();
        }
        List<Future<Void>> starting = new ArrayList<>();
        for (Component c : stages.get(stage)) {
            // a component whose start failed is stopped too: it may have opened connections or timers first
            starting.add(c.start().onComplete(v -> {
                synchronized (this) {
                    started.add(c);
                }
            }));
        }
        // join, not all: a failure waits for the others, so that stop() sees everything that began to start
        return Future.join(starting).compose(v -> startComponents(stage + 1));
    }

    public ViknoConfig config() {
        return config;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The appeals registry (after start). */
    public AppealService appeals() {
        return appeals.service();
    }

    private Optional<ua.vikno.server.internal.DoNotDisturbCodes> doNotDisturb() {
        return sip.doNotDisturb();
    }

    private Optional<ua.vikno.pbx.sip.registrar.LocationService> lineLocations() {
        return sip.locations();
    }

    /** Where SIP listens, for people: {@code udp+tcp 127.0.0.1:5060 (domain vikno.local)}. */
    public String sipAddress() {
        return sip.address();
    }

    /** The port HTTP is bound to. */
    public int httpPort() {
        return http.port();
    }

    /** Stops every started component in reverse order, continuing past failures, then Vert.x. Idempotent. */
    public synchronized Future<Void> stop() {
        if (stopping != null) {
            return stopping;
        }
        if (health != null) {
            health.stop();
        }
        Future<Void> chain = Future.succeededFuture();
        for (int i = started.size() - 1; i >= 0; i--) {
            Component c = started.get(i);
            chain = chain.compose(v -> c.stop().recover(e -> {
                LOG.warn("stopping {} failed: {}", c.name(), e.toString());
                return Future.succeededFuture();
            }));
        }
        stopping = chain.compose(v -> vertx.close()).onComplete(ar -> metrics.close());
        return stopping;
    }
}
