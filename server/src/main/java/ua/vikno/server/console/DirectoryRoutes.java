package ua.vikno.server.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import ua.vikno.config.ViknoConfig;

/**
 * {@code GET /api/directory}: what the console shows names for and offers in its filters: the site, its time
 * zone, the departments and the internal lines (extension and name, never a password).
 */
public final class DirectoryRoutes {
    public static final String PATH = "/api/directory";
    private final JsonObject directory;

    public DirectoryRoutes(ViknoConfig config) {
        JsonArray departments = new JsonArray();
        config.departments().values().forEach(d -> departments.add(new JsonObject().put("id", d.id()).put("name", d.name())));
        JsonArray lines = new JsonArray();
        config.lines().forEach(l -> lines.add(new JsonObject().put("extension", l.extension()).put("name", l.name())
                .put("department", l.department().orElse(null))));
        this.directory = new JsonObject().put("site", config.site().name()).put("officePhone", config.site().officePhone())
                .put("zone", config.schedule().timeZone().getId()).put("departments", departments).put("lines", lines);
    }

    public void mount(Router router) {
        router.get(PATH).handler(ctx -> ApiReplies.json(ctx, 200, directory));
    }
}
