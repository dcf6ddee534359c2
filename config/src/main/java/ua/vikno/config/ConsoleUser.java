package ua.vikno.config;

import java.util.Optional;
import java.util.Set;

/** A web-console user: login, roles, a bcrypt or argon2 password hash, and the line they use, if any. */
public record ConsoleUser(String login, String name, Set<Role> roles, String passwordHash,
                          Optional<String> line) {
}
