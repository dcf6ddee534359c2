package ua.vikno.appeals;

import io.vertx.core.Future;

/**
 * Tells the resident about an appeal (the server wires this to the SMS gateway). Called after the change is
 * durable in Redis; a failure here never undoes the change.
 */
public interface AppealNotifier {

    /** The appeal was registered ({@code change} is its CREATED entry) or its status changed. */
    Future<Void> appealChanged(Appeal appeal, HistoryEntry change);

    /** A notifier that tells nobody, for sites without SMS. */
    static AppealNotifier none() {
        return (appeal, change) -> Future.succeededFuture();
    }
}
