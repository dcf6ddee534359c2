package ua.vikno.server.internal;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import ua.vikno.appeals.SmsNotifications;
import ua.vikno.config.Department;
import ua.vikno.config.ViknoConfig;
import ua.vikno.server.Component;
import ua.vikno.server.ComponentHealth;
import ua.vikno.sms.SmsGateway;
import ua.vikno.sms.SmsGatewayOptions;
import ua.vikno.sms.SmsHealth;
import ua.vikno.sms.SmsTemplates;
import ua.vikno.sms.Ticker;
import ua.vikno.sms.simulator.SmscSimulator;

/**
 * SMS to residents: the development SMSC simulator when the configuration asks for it, the SMPP gateway with
 * its Redis outbox, and the appeals' SMS notifications built on the gateway.
 */
public final class SmsComponent implements Component {
    private final Vertx vertx;
    private final ViknoConfig config;
    private final RedisComponent redis;
    private final Clock clock;
    private final String node;
    private SmscSimulator simulator;
    private SmsGateway gateway;
    private SmsNotifications notifications;
    private final io.vertx.ext.web.Router router;

    /** @param node this node's name, the gateway's consumer name in the outbox's consumer group */
    public SmsComponent(Vertx vertx, ViknoConfig config, RedisComponent redis, Clock clock, String node,
                        io.vertx.ext.web.Router router) {
        this.router = router;
        this.vertx = vertx;
        this.config = config;
        this.redis = redis;
        this.clock = clock;
        this.node = node;
    }

    @Override
    public String name() {
        return "smpp";
    }

    /** The notifications, once started. */
    public Optional<SmsNotifications> notifications() {
        return Optional.ofNullable(notifications);
    }

    @Override
    public Future<Void> start() {
        Future<Void> smsc = Future.succeededFuture();
        if (config.sms().simulator().enabled()) {
            simulator = SmscSimulator.fromConfig(vertx, config.sms(), clock);
            smsc = simulator.start();
        }
        return smsc.compose(v -> {
            gateway = new SmsGateway(vertx, config.sms(), redis.client(), config.redis(), SmsGatewayOptions.defaults(node),
                    clock, Ticker.system(), event -> {
                        SmsNotifications n = notifications;
                        if (n != null) {
                            n.onStatus(event);
                        }
                    });
            notifications = new SmsNotifications(gateway, SmsTemplates.of(config.sms()), config.site(),
                    id -> Optional.ofNullable(config.departments().get(id)).map(Department::name),
                    config.schedule().timeZone(), clock);
            return gateway.start().onSuccess(started -> DeadLetterRoutes.mount(router, gateway));
        });
    }

    @Override
    public Future<Void> stop() {
        Future<Void> g = gateway == null ? Future.succeededFuture() : gateway.stop().otherwiseEmpty();
        return g.compose(v -> simulator == null ? Future.<Void>succeededFuture() : simulator.stop().otherwiseEmpty());
    }

    @Override
    public Future<ComponentHealth> health() {
        if (gateway == null) {
            return Future.succeededFuture(ComponentHealth.down(Map.of("error", "not started")));
        }
        SmsHealth h = gateway.health();
        String smsc = config.sms().smpp().host() + ":" + config.sms().smpp().port()
                + (simulator != null ? " (development simulator)" : "");
        return Future.succeededFuture(h.isUp() ? ComponentHealth.up(Map.of("smsc", smsc))
                : ComponentHealth.down(Map.of("smsc", smsc, "error", h.reason())));
    }
}
