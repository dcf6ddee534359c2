package ua.vikno.sms;

/** The answer to {@link SmsGateway#enqueue}: queued (durable in Redis), already known, or skipped with a reason. */
public record EnqueueResult(String id, Outcome outcome, String reason) {

    /** What happened to the message. */
    public enum Outcome {
        /** Written to the outbox now. */
        QUEUED,
        /** A message with this id was already in the outbox; nothing was written. */
        DUPLICATE,
        /** Not queued, e.g. the number is not a mobile one; {@code reason} says why. */
        SKIPPED
    }
}
