package ua.vikno.server.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import ua.vikno.server.Component;
import ua.vikno.server.ComponentHealth;
import ua.vikno.server.HealthStatus;

/**
 * Polls every component's health on a timer: logs each change (DOWN with the reason, UP again), and keeps
 * the gauge {@code vikno_component_up{component=...}} that alerting watches. {@link #report()} checks live.
 */
public final class HealthMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final Vertx vertx;
    private final List<Component> components;
    private final Map<String, AtomicInteger> up = new ConcurrentHashMap<>();
    private final Map<String, HealthStatus> last = new ConcurrentHashMap<>();
    private long timer = -1;

    public HealthMonitor(Vertx vertx, List<Component> components, MeterRegistry registry) {
        this.vertx = vertx;
        this.components = List.copyOf(components);
        for (Component c : components) {
            AtomicInteger v = new AtomicInteger(1);
            up.put(c.name(), v);
            Gauge.builder("vikno.component.up", v, AtomicInteger::get)
                    .description("1 when the component is healthy, 0 when it is down")
                    .tag("component", c.name()).register(registry);
        }
    }

    public void start(long periodMillis) {
        timer = vertx.setPeriodic(periodMillis, t -> report());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** Checks all components now; the overall status is UP only when every component is UP. */
    public Future<JsonObject> report() {
        List<Future<ComponentHealth>> checks = new ArrayList<>();
        for (Component c : components) {
            checks.add(c.health());
        }
        return Future.join(checks).transform(ignored -> {
            Map<String, Object> byName = new LinkedHashMap<>();
            boolean allUp = true;
            for (int i = 0; i < components.size(); i++) {
                String name = components.get(i).name();
                Future<ComponentHealth> f = checks.get(i);
                ComponentHealth h = f.succeeded() ? f.result()
                        : ComponentHealth.down(Map.of("error", String.valueOf(f.cause())));
                record(name, h);
                allUp &= h.status() == HealthStatus.UP;
                JsonObject json = new JsonObject().put("status", h.status().name());
                h.details().forEach(json::put);
                byName.put(name, json);
            }
            return Future.succeededFuture(new JsonObject()
                    .put("status", (allUp ? HealthStatus.UP : HealthStatus.DOWN).name())
                    .put("components", new JsonObject(byName)));
        });
    }

    private void record(String name, ComponentHealth h) {
        up.get(name).set(h.status() == HealthStatus.UP ? 1 : 0);
        HealthStatus before = last.put(name, h.status());
        if (before != null && before != h.status()) {
            if (h.status() == HealthStatus.DOWN) {
                LOG.atWarn().addKeyValue("component", name).log("{} is DOWN: {}", name, h.details());
            } else {
                LOG.atInfo().addKeyValue("component", name).log("{} is UP again", name);
            }
        }
    }
}
