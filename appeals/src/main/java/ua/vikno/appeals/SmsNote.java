package ua.vikno.appeals;

import java.time.Instant;

/** An SMS sent about an appeal and its latest delivery status (queued, sent, delivered, failed). */
public record SmsNote(String id, String reason, String text, String status, Instant updatedAt) {
}
