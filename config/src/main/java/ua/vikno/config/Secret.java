package ua.vikno.config;

/** A password or key from the configuration; never printed by {@link #toString()}. */
public record Secret(String value) {
    @Override
    public String toString() {
        return "******";
    }
}
