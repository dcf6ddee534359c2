package ua.vikno.pbx.sip.internal;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Runs blocking JAIN-SIP sends on workers so that the messages of one Call-ID leave in the order they were
 * submitted (an ACK before the BYE that follows it, a provisional before its final response), while sends of
 * different Call-IDs run in parallel. Each Call-ID with a send in progress has a chain: a send starts when the one
 * submitted before it for the same Call-ID has finished, whether it succeeded or failed; the chain is dropped as
 * soon as its last send has finished.
 */
public final class CallIdSends {
    private final Context context;
    /** The last send submitted per Call-ID, while it has not finished. */
    private final Map<String, Future<?>> tails = new ConcurrentHashMap<>();

    public CallIdSends(Context context) {
        this.context = context;
    }

    /** Runs {@code send} on a worker after every send submitted before it for the Call-ID of {@code message}. */
    public <T> Future<T> submit(Message message, Callable<T> send) {
        CallIdHeader header = message == null ? null : (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return header == null || header.getCallId() == null
                ? context.executeBlocking(send, false) : submit(header.getCallId(), send);
    }

    /** Runs {@code send} on a worker after every send submitted before it for {@code callId}. */
    public <T> Future<T> submit(String callId, Callable<T> send) {
        Promise<T> done = Promise.promise();
        Future<T> mine = done.future();
        Future<?> previous = tails.put(callId, mine);
        Future<?> after = previous == null ? Future.succeededFuture() : previous;
        after.onComplete(ignored -> context.executeBlocking(send, false).onComplete(done));
        mine.onComplete(ignored -> tails.remove(callId, mine));
        return mine;
    }

    /** Call-IDs with a send submitted and not yet finished. */
    public int pendingCallIds() {
        return tails.size();
    }
}
