package ua.vikno.server.console;

import ua.vikno.server.internal.ApiReplies;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import ua.vikno.config.Line;
import ua.vikno.config.ViknoConfig;
import ua.vikno.pbx.sip.registrar.Binding;
import ua.vikno.pbx.sip.registrar.LocationService;

/**
 * {@code GET /api/lines}: every configured internal line and its registration state now, from the registrar's
 * location service (RFC 3261, section 10): the contacts it is bound to, from where and until when.
 */
public final class LineRoutes {
    public static final String PATH = "/api/lines";

    private final ViknoConfig config;
    private final Supplier<Optional<LocationService>> locations;
    private final Clock clock;

    public LineRoutes(ViknoConfig config, Supplier<Optional<LocationService>> locations, Clock clock) {
        this.config = config;
        this.locations = locations;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get(PATH).handler(ctx -> lines().onComplete(ar -> {
            if (ar.failed()) {
                ApiReplies.error(ctx, 503, "the registrar cannot be read: " + ar.cause().getMessage());
            } else {
                ApiReplies.json(ctx, 200, new JsonObject().put("at", clock.instant().toString()).put("lines", ar.result()));
            }
        }));
    }

    private Future<JsonArray> lines() {
        Optional<LocationService> service = locations.get();
        List<Future<JsonObject>> rows = new ArrayList<>();
        for (Line line : config.lines()) {
            String aor = "sip:" + line.extension() + "@" + config.network().sip().domain();
            Future<List<Binding>> bindings = service.map(s -> s.bindings(aor))
                    .orElseGet(() -> Future.succeededFuture(List.of()));
            rows.add(bindings.map(list -> row(line, aor, list)));
        }
        return Future.all(rows).map(all -> new JsonArray(rows.stream().map(Future::result).toList()));
    }

    private static JsonObject row(Line line, String aor, List<Binding> bindings) {
        JsonArray contacts = new JsonArray();
        bindings.forEach(b -> contacts.add(new JsonObject().put("contact", b.contact()).put("source", b.source())
                .put("expiresAt", b.expiresAt().toString())));
        JsonArray roles = new JsonArray();
        line.roles().stream().sorted().forEach(r -> roles.add(r.name().toLowerCase(java.util.Locale.ROOT)));
        return new JsonObject().put("extension", line.extension()).put("name", line.name())
                .put("department", line.department().orElse(null)).put("roles", roles).put("aor", aor)
                .put("registered", !bindings.isEmpty()).put("contacts", contacts);
    }
}
