package ua.vikno.server.console;

import ua.vikno.server.internal.ApiReplies;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import ua.vikno.config.Ivr;
import ua.vikno.config.Target;
import ua.vikno.config.ViknoConfig;

/**
 * {@code GET /api/directory}: what the console shows names for and offers in its filters: the site, its time
 * zone, the departments, the internal lines (extension and name, never a password) and the appeal categories the
 * voice menus can give (their labels joined as appeals join them: "Водопостачання / Гаряча вода").
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
                .put("zone", config.schedule().timeZone().getId()).put("departments", departments).put("lines", lines)
                .put("categories", new JsonArray(List.copyOf(categories(config.ivr()))));
    }

    /** Every label path reachable from an entry flow through the menus, in order. */
    static Set<String> categories(Ivr ivr) {
        Set<String> out = new TreeSet<>();
        for (Ivr.Flow flow : ivr.flows().values()) {
            for (Ivr.Branch branch : List.of(flow.open(), flow.closed())) {
                walk(ivr, branch.then(), "", new HashSet<>(), out);
            }
        }
        return out;
    }

    private static void walk(Ivr ivr, Target target, String path, Set<String> onStack, Set<String> out) {
        if (target.kind() != Target.Kind.MENU || !onStack.add(target.ref())) {
            return;
        }
        Ivr.Menu menu = ivr.menus().get(target.ref());
        if (menu != null) {
            for (Ivr.Option option : menu.options().values()) {
                String here = path.isEmpty() ? option.label() : path + " / " + option.label();
                out.add(here);
                walk(ivr, option.target(), here, onStack, out);
            }
        }
        onStack.remove(target.ref());
    }

    public void mount(Router router) {
        router.get(PATH).handler(ctx -> ApiReplies.json(ctx, 200, directory));
    }
}
