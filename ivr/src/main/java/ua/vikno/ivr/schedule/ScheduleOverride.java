package ua.vikno.ivr.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * A manual override of the schedule set from the console: force open, or force closed with a special prompt
 * (bad weather, an outage), until {@code expiresAt}.
 *
 * @param reason shown in the console and noted with the status
 */
public record ScheduleOverride(Openness state, Optional<String> prompt, Instant expiresAt, String reason) {

    public static ScheduleOverride forceOpen(Instant expiresAt, String reason) {
        return new ScheduleOverride(Openness.OPEN, Optional.empty(), expiresAt, reason);
    }

    public static ScheduleOverride forceClosed(String prompt, Instant expiresAt, String reason) {
        return new ScheduleOverride(Openness.CLOSED, Optional.of(prompt), expiresAt, reason);
    }

    /** Whether the override still applies at {@code at} (it ends at {@code expiresAt}, exclusive). */
    public boolean activeAt(Instant at) {
        return at.isBefore(expiresAt);
    }
}
