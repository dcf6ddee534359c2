package ua.vikno.sms;

import java.time.Instant;

/** A message the gateway gave up on after its last attempt, with the error that ended it. */
public record DeadLetter(OutgoingSms message, int attempts, String lastError, Instant failedAt) {
}
