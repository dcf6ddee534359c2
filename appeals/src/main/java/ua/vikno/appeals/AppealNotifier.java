package ua.vikno.appeals;

import io.vertx.core.Future;

/**
 * Tells the resident about an appeal (the server wires this to the SMS gateway). Called after the change is
 * durable in Redis; a failure here never undoes the change.
 */
public interface AppealNotifier {

    /** The appeal was registered ({@code change} is its CREATED entry) or its status changed. */
    Future<Void> appealChanged(Appeal appeal, HistoryEntry change);

    /**
     * Sends a personal message from an operator about the appeal; completes once it is durably queued and
     * returns the note to keep on the appeal.
     */
    default Future<SmsNote> sendPersonal(Appeal appeal, String text, String actor) {
        return Future.failedFuture(new AppealFailure.Invalid("SMS is not configured on this site"));
    }

    /** A notifier that tells nobody, for sites without SMS. */
    static AppealNotifier none() {
        return (appeal, change) -> Future.succeededFuture();
    }
}
