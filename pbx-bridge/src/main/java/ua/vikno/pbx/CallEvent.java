package ua.vikno.pbx;

import java.time.Instant;

/** Something that happened to a call, in the order it happened. */
public sealed interface CallEvent {

    /** When it happened. */
    Instant at();

    /** The call has been answered by Vikno. */
    record Answered(Instant at) implements CallEvent {
    }

    /** The caller pressed a key (RFC 4733 event or SIP INFO), counted once. */
    record Digit(Instant at, char digit) implements CallEvent {
    }

    /** The destination of a connection attempt is ringing. */
    record Ringing(Instant at, Party party) implements CallEvent {
    }

    /** The caller is now talking to {@code party}. */
    record Bridged(Instant at, Party party) implements CallEvent {
    }

    /** The other party left; the caller is back with Vikno (e.g. the operator hung up first in a queue flow). */
    record Unbridged(Instant at, Party party) implements CallEvent {
    }

    /** The call is over. */
    record Ended(Instant at, CallRecord record) implements CallEvent {
    }
}
