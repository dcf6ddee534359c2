package ua.vikno.server;

import java.util.Map;

/** One component's health: its status and a few facts for an operator (address, reason, counts). */
public record ComponentHealth(HealthStatus status, Map<String, Object> details) {

    public static ComponentHealth up(Map<String, Object> details) {
        return new ComponentHealth(HealthStatus.UP, Map.copyOf(details));
    }

    public static ComponentHealth down(Map<String, Object> details) {
        return new ComponentHealth(HealthStatus.DOWN, Map.copyOf(details));
    }
}
