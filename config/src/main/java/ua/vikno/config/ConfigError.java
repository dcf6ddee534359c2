package ua.vikno.config;

/** One problem in a configuration file, named by its dotted path (for example {@code ivr.menus.main.options.1}). */
public record ConfigError(String path, String message) {
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
