package ua.vikno.appeals;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Future;
import ua.vikno.appeals.internal.AppealKeys;

/**
 * Every appeal change, from the registry's own channel: the scripts that write an appeal publish what they did in
 * the same step, so a change by an SMS receipt, another operator or another node is heard like one made here.
 * Lettuce subscribes again after a reconnect; every subscription after the first tells the listener that changes
 * may have been missed.
 */
public final class AppealChangeFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppealChangeFeed.class);

    private final StatefulRedisPubSubConnection<String, String> connection;
    private final AppealChangeListener listener;
    private final String channel;
    private final AtomicBoolean subscribedOnce = new AtomicBoolean();

    /**
     * @param connection a pub/sub connection of the feed's own, which the feed closes
     * @param database   the Redis database of the appeals
     */
    public AppealChangeFeed(StatefulRedisPubSubConnection<String, String> connection, int database,
                            AppealChangeListener listener) {
        this.connection = connection;
        this.channel = AppealKeys.changes(database);
        this.listener = listener;
    }

    /** Subscribes; completes once Redis confirmed. */
    public Future<Void> start() {
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                if (!AppealChangeFeed.this.channel.equals(channel)) {
                    return;
                }
                AppealChange.parse(message).ifPresentOrElse(AppealChangeFeed.this::deliver,
                        () -> LOG.warn("ignoring a malformed appeal change: {}", message));
            }

            @Override
            public void subscribed(String channel, long count) {
                if (AppealChangeFeed.this.channel.equals(channel) && subscribedOnce.getAndSet(true)) {
                    LOG.info("appeal changes heard again after Redis came back; consoles reread their appeals");
                    try {
                        listener.onChangesMissed();
                    } catch (RuntimeException e) {
                        LOG.warn("appeal change listener failed on a resync", e);
                    }
                }
            }
        });
        return Future.fromCompletionStage(connection.async().subscribe(channel)).mapEmpty();
    }

    private void deliver(AppealChange change) {
        try {
            listener.onChange(change);
        } catch (RuntimeException e) {
            LOG.warn("appeal change listener failed on {}", change, e);
        }
    }

    @Override
    public void close() {
        connection.closeAsync();
    }
}
