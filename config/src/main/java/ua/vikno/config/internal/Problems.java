package ua.vikno.config.internal;

import java.util.ArrayList;
import java.util.List;

import ua.vikno.config.ConfigError;

/** Collects configuration errors while binding goes on, so that a file reports all of them at once. */
public final class Problems {
    private final List<ConfigError> errors = new ArrayList<>();

    public void add(String path, String message) {
        errors.add(new ConfigError(path, message));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<ConfigError> errors() {
        return List.copyOf(errors);
    }
}
