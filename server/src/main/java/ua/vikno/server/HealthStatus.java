package ua.vikno.server;

/** The health of a component, as reported by {@code GET /health}. */
public enum HealthStatus {
    /** Working. */
    UP,
    /** Not working; the detail says why. */
    DOWN
}
