package ua.vikno.server.console;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import ua.vikno.config.Role;

/**
 * Which roles may call which part of {@code /api}. Operators work with appeals and calls; supervisors also see
 * statistics; administrators may call everything. A path no rule names is for administrators only.
 */
public final class ApiAccess {
    /** A path prefix and the roles (besides admin) allowed under it. */
    private record Rule(String prefix, Set<Role> roles) {
    }

    private static final Set<Role> EVERYONE = EnumSet.of(Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN);
    private static final List<Rule> RULES = List.of(
            new Rule("/api/session", EVERYONE),
            new Rule("/api/events", EVERYONE),
            new Rule("/api/directory", EVERYONE),
            new Rule("/api/appeals", EVERYONE),
            new Rule("/api/calls/live", EnumSet.of(Role.SUPERVISOR, Role.ADMIN)),
            new Rule("/api/calls", EVERYONE),
            new Rule("/api/dnd", EVERYONE),
            new Rule("/api/statistics", EnumSet.of(Role.SUPERVISOR, Role.ADMIN)),
            new Rule("/api/supervision", EnumSet.of(Role.SUPERVISOR, Role.ADMIN)),
            new Rule("/api/board", EnumSet.of(Role.SUPERVISOR, Role.ADMIN)),
            new Rule("/api/schedule", EnumSet.of(Role.ADMIN)),
            new Rule("/api/lines", EnumSet.of(Role.ADMIN)));

    private ApiAccess() {
    }

    /** True when a user with {@code roles} may call {@code path}. */
    public static boolean allows(Set<Role> roles, String path) {
        if (roles.contains(Role.ADMIN)) {
            return true;
        }
        for (Rule r : RULES) {
            if (path.equals(r.prefix()) || path.startsWith(r.prefix() + "/") || path.startsWith(r.prefix() + ".")
                    || path.startsWith(r.prefix() + "?")) {
                return r.roles().stream().anyMatch(roles::contains);
            }
        }
        return false;
    }
}
