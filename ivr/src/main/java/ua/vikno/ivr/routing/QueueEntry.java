package ua.vikno.ivr.routing;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import io.vertx.core.Promise;
import ua.vikno.ivr.CallEvents;
import ua.vikno.ivr.Timers;
import ua.vikno.ivr.callback.PendingCallback;

/** One caller in a {@link WaitingQueue}: where they are in the queue's state machine, and their timers. */
final class QueueEntry {

    /** Where a queued caller is. */
    enum State {
        /** Hears hold music until an operator is free. */
        WAITING,
        /** Hears the position and expected-wait announcement. */
        ANNOUNCING,
        /** An operator's line rings for this caller (who hears hold music meanwhile). */
        OFFERED,
        /** Hung up after asking for a call-back; keeps the place in the queue. */
        AWAITING_CALLBACK,
        /** A call-back outside working hours: keeps the place, and no operator is offered it until opening. */
        HELD_FOR_OPENING,
        /** The call-back is under way: the operator first, then the resident. */
        CALLING_BACK,
        /** The resident did not answer a call-back; keeps the place until the next attempt is due. */
        CALLBACK_RETRY,
        /** Out of the queue: connected, called back, fallen back or gone. */
        LEFT;

        /** Whether an operator who frees up may be given this caller. */
        boolean offerable() {
            return this == WAITING || this == ANNOUNCING || this == AWAITING_CALLBACK;
        }

        /** Whether the caller is on the line with Vikno, hearing music or an announcement. */
        boolean holding() {
            return this == WAITING || this == ANNOUNCING;
        }

        /** Whether the caller is still on the line with Vikno (holding, or being offered to an operator). */
        boolean onTheLine() {
            return holding() || this == OFFERED;
        }

        /** Whether a call-back is asked for and not being placed at this moment. */
        boolean callbackWaiting() {
            return this == AWAITING_CALLBACK || this == HELD_FOR_OPENING || this == CALLBACK_RETRY;
        }
    }

    /** The caller on the line; null for a call-back restored after a restart, whose call is long over. */
    final RoutedCall call;
    /** Continues to the queue's fallback; null for a restored call-back. */
    final Router router;
    /** The resident's call id, number, the number they dialled and their trunk (for the call-back). */
    final String callId;
    final String number;
    final String dialled;
    final String trunk;
    final Instant joinedAt;
    final int positionOnJoining;
    final Promise<RouteOutcome> result = Promise.promise();
    /** Lines that did not answer this caller since the last announcement; not offered again until then. */
    final Set<String> declinedBy = new HashSet<>();
    State state = State.WAITING;
    Timers.Handle announceTimer = Timers.Handle.NONE;
    Timers.Handle maxWaitTimer = Timers.Handle.NONE;
    Timers.Handle retryTimer = Timers.Handle.NONE;
    /** Asks the schedule again whether a waiting call-back may ring. */
    Timers.Handle hoursTimer = Timers.Handle.NONE;
    /** Drops a call-back not made within the queue's {@code callback-expiry}. */
    Timers.Handle expiryTimer = Timers.Handle.NONE;
    /** When the call-back was asked for. */
    Instant callbackRequestedAt = Instant.MAX;
    /** When a call-back asked for is dropped; set when it is asked for. */
    Instant callbackExpiresAt = Instant.MAX;
    /** Attempts of the call-back used up: the resident not answering, or operators not answering in a row. */
    int callbackAttempts;
    /** Operators in a row who did not answer this call-back since the last attempt was used up. */
    int operatorMisses;
    CallEvents.Subscription events = () -> { };

    QueueEntry(RoutedCall call, Router router, Instant joinedAt, int positionOnJoining) {
        this.call = call;
        this.router = router;
        this.callId = call.id();
        this.number = call.call().caller().number();
        this.dialled = call.call().dialled();
        this.trunk = call.trunk().orElse("");
        this.joinedAt = joinedAt;
        this.positionOnJoining = positionOnJoining;
    }

    /** A call-back kept over a restart, back in its queue. */
    QueueEntry(PendingCallback kept) {
        this.call = null;
        this.router = null;
        this.callId = kept.callId();
        this.number = kept.number();
        this.dialled = kept.dialled();
        this.trunk = kept.trunk();
        this.joinedAt = kept.joinedAt();
        this.positionOnJoining = 0;
        this.callbackRequestedAt = kept.requestedAt();
        this.callbackExpiresAt = kept.expiresAt();
        this.callbackAttempts = kept.attempts();
        this.state = State.AWAITING_CALLBACK;
        this.result.tryComplete(new RouteOutcome.CallbackRequested(kept.queue()));
    }

    /** The call-back as it is kept in the store. */
    PendingCallback pending(String queue) {
        return new PendingCallback(callId, queue, number, dialled, trunk, joinedAt, callbackRequestedAt,
                callbackExpiresAt, callbackAttempts);
    }

    /** Stops the timers and the event subscription; idempotent. */
    void release() {
        announceTimer.cancel();
        maxWaitTimer.cancel();
        retryTimer.cancel();
        hoursTimer.cancel();
        expiryTimer.cancel();
        events.close();
    }
}
