package ua.vikno.server.internal;

import java.util.Optional;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import ua.vikno.config.ViknoConfig;
import ua.vikno.pbx.sip.SipEngine;
import ua.vikno.pbx.sip.SipHealth;
import ua.vikno.pbx.sip.registrar.LocationService;
import ua.vikno.pbx.sip.registrar.RedisLocationService;
import ua.vikno.server.Component;
import ua.vikno.server.ComponentHealth;

/** The embedded SIP engine (registrar and, as it grows, the B2BUA), deployed as a verticle. */
public final class SipComponent implements Component {
    static final String LOCATION_PREFIX = "vikno:location:";

    private final Vertx vertx;
    private final ViknoConfig config;
    private final RedisComponent redis;
    private final MeterRegistry registry;
    private SipEngine engine;
    private String deployment;
    private volatile LocationService locations;

    public SipComponent(Vertx vertx, ViknoConfig config, RedisComponent redis, MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.redis = redis;
        this.registry = registry;
    }

    @Override
    public String name() {
        return "sip";
    }

    /** Where the engine listens, for the ready line: {@code udp+tcp 127.0.0.1:5060}. */
    public String address() {
        var sip = config.network().sip();
        return String.join("+", sip.transports().stream().map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).toList())
                + " " + sip.bind() + ":" + sip.port() + " (domain " + sip.domain() + ")";
    }

    /** The registrar's location service (where each line is registered), once started. */
    public Optional<LocationService> locations() {
        return Optional.ofNullable(locations);
    }

    @Override
    public Future<Void> start() {
        return redis.connectFailFast().compose(connection -> {
            locations = new RedisLocationService(connection, LOCATION_PREFIX, Clock.systemUTC());
            engine = new SipEngine(config.network().sip(), config.lines(), locations, Clock.systemUTC(),
                    new SecureRandom());
            FunctionCounter.builder("vikno.sip.auth.failures", engine, SipEngine::authFailures)
                    .description("failed digest authentications").register(registry);
            FunctionCounter.builder("vikno.sip.auth.lockouts", engine, SipEngine::authLockouts)
                    .description("source addresses locked out after repeated failed authentications").register(registry);
            return vertx.deployVerticle(engine);
        }).map(id -> {
            deployment = id;
            return null;
        });
    }

    @Override
    public Future<Void> stop() {
        if (deployment == null) {
            return Future.succeededFuture();
        }
        String id = deployment;
        deployment = null;
        return vertx.undeploy(id).otherwiseEmpty();
    }

    @Override
    public Future<ComponentHealth> health() {
        if (engine == null) {
            return Future.succeededFuture(ComponentHealth.down(Map.of("error", "not started")));
        }
        SipHealth h = engine.health();
        Map<String, Object> details = Map.of("listening", String.join(", ", h.listeningPoints()),
                "domain", config.network().sip().domain(), "lockedOutAddresses", h.authLockouts());
        return Future.succeededFuture(h.status() == SipHealth.Status.UP ? ComponentHealth.up(details)
                : ComponentHealth.down(details));
    }
}
