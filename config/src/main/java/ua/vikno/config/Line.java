package ua.vikno.config;

import java.util.Optional;
import java.util.Set;

/**
 * An internal line: an extension a SIP softphone registers to with digest authentication.
 *
 * @param dialOut whether calls from this line may leave through a trunk
 */
public record Line(String extension, String name, Secret password, Optional<String> department,
                   Set<Role> roles, boolean dialOut) {

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }
}
