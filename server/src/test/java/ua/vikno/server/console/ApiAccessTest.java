package ua.vikno.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ua.vikno.config.Role;

class ApiAccessTest {

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
            "operator,   /api/appeals,                 true",
            "operator,   /api/appeals/2026-000001/sms, true",
            "operator,   /api/calls.csv,               true",
            "operator,   /api/events,                  true",
            "operator,   /api/statistics,              false",
            "operator,   /api/schedule,                false",
            "operator,   /api/appealsX,                false",
            "operator,   /api/users,                   false",
            "supervisor, /api/statistics,              true",
            "supervisor, /api/schedule,                false",
            "supervisor, /api/board,                   true",
            "operator,   /api/board,                   false",
            "operator,   /api/calls,                   true",
            "operator,   /api/calls/live,              false",
            "supervisor, /api/calls/live,              true",
            "operator,   /api/dnd,                     true",
            "supervisor, /api/prompts/greeting-working, false",
            "supervisor, /api/schedule/plan,           false",
            "admin,      /api/prompts/greeting-working, true",
            "admin,      /api/schedule,                true",
            "admin,      /api/anything-new,            true",
    })
    void allowsByRole(String role, String path, boolean allowed) {
        Set<Role> roles = EnumSet.of(Role.valueOf(role.toUpperCase(java.util.Locale.ROOT)));
        assertThat(ApiAccess.allows(roles, path)).isEqualTo(allowed);
    }
}
