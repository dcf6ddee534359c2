package ua.vikno.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a configuration file cannot be used; carries every error found, not just the first. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final transient List<ConfigError> errors;

    public ConfigException(String source, List<ConfigError> errors) {
        super(source + ": " + errors.size() + " configuration error(s)\n" + errors.stream()
                .map(e -> "  " + e).collect(Collectors.joining("\n")));
        this.source = source;
        this.errors = List.copyOf(errors);
    }

    /** The file (or other source) that was read. */
    public String source() {
        return source;
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
