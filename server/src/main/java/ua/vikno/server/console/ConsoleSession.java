package ua.vikno.server.console;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import ua.vikno.config.ConsoleUser;
import ua.vikno.config.Role;

/** The logged-in user as kept in the server-side session: login, name, roles, line and the CSRF token. */
public record ConsoleSession(String login, String name, Set<Role> roles, Optional<String> line, String csrfToken) {
    private static final String KEY = "vikno.user";

    public static ConsoleSession of(ConsoleUser user, String csrfToken) {
        return new ConsoleSession(user.login(), user.name(), Set.copyOf(user.roles()), user.line(), csrfToken);
    }

    /** The user of this request's session, if someone is logged in. */
    public static Optional<ConsoleSession> of(RoutingContext ctx) {
        Session session = ctx.session();
        if (session == null || session.isDestroyed()) {
            return Optional.empty();
        }
        JsonObject j = session.get(KEY);
        return Optional.ofNullable(j).map(ConsoleSession::fromJson);
    }

    /** Who is making the request, for an appeal's history: the login, or {@code api} (never reached behind the guard). */
    public static String actor(RoutingContext ctx) {
        return of(ctx).map(ConsoleSession::login).orElse("api");
    }

    public void store(Session session) {
        session.put(KEY, toJson());
    }

    public JsonObject toJson() {
        JsonArray r = new JsonArray();
        roles.stream().sorted().forEach(role -> r.add(role.name().toLowerCase(java.util.Locale.ROOT)));
        return new JsonObject().put("login", login).put("name", name).put("roles", r)
                .put("line", line.orElse(null)).put("csrfToken", csrfToken);
    }

    private static ConsoleSession fromJson(JsonObject j) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        j.getJsonArray("roles").forEach(r -> roles.add(Role.valueOf(String.valueOf(r).toUpperCase(java.util.Locale.ROOT))));
        return new ConsoleSession(j.getString("login"), j.getString("name"), Set.copyOf(roles),
                Optional.ofNullable(j.getString("line")), j.getString("csrfToken"));
    }
}
