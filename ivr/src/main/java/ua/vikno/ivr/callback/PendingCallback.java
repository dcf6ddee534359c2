package ua.vikno.ivr.callback;

import java.time.Instant;

/**
 * A queue call-back asked for and not yet served, as it is kept to survive a restart.
 *
 * @param callId      the resident's original call, whose appeal is the call-back's
 * @param queue       the queue whose place it keeps
 * @param number      the resident's number, rung through {@code trunk}
 * @param dialled     the hotline number the resident called, shown to them when called back
 * @param trunk       the trunk the resident called through
 * @param joinedAt    when the resident joined the queue: their place among the others
 * @param requestedAt when the call-back was asked for
 * @param expiresAt   when it is dropped if not made ({@code callback-expiry} after {@code requestedAt})
 * @param attempts    attempts used up so far
 */
public record PendingCallback(String callId, String queue, String number, String dialled, String trunk,
                              Instant joinedAt, Instant requestedAt, Instant expiresAt, int attempts) {
}
