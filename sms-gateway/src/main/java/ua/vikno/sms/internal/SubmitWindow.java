package ua.vikno.sms.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import ua.vikno.sms.SmsFailure;

/**
 * The SMPP window (SMPP 3.4 section 2.8, "window size"): at most {@code size} submit_sm outstanding, none while the
 * SMSC throttles us; the others wait in line. Used on the dispatcher's context only.
 */
final class SubmitWindow {
    private final int size;
    private final Deque<Promise<Void>> waiting = new ArrayDeque<>();
    private int outstanding;
    private boolean paused;

    SubmitWindow(int size) {
        this.size = size;
    }

    /** A slot for one submit: at once, after an earlier one is released, or failed as throttled while paused. */
    Future<Void> acquire() {
        if (paused) {
            return Future.failedFuture(new SmsFailure.Throttled());
        }
        if (outstanding < size) {
            outstanding++;
            return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        waiting.add(p);
        return p.future();
    }

    void release() {
        outstanding--;
        grant();
    }

    /** The SMSC throttles: no new submits; those waiting for a slot give it up (throttled) rather than wait. */
    void pause() {
        paused = true;
        failWaiting(new SmsFailure.Throttled());
    }

    void resume() {
        paused = false;
        grant();
    }

    boolean paused() {
        return paused;
    }

    /** Fails every submit waiting for a slot with {@code why}. */
    void failWaiting(SmsFailure why) {
        List<Promise<Void>> them = new ArrayList<>(waiting);
        waiting.clear();
        them.forEach(p -> p.tryFail(why));
    }

    private void grant() {
        while (!paused && outstanding < size && !waiting.isEmpty()) {
            outstanding++;
            waiting.poll().complete();
        }
    }
}
