package ua.vikno.server.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * One Redis pub/sub channel shared by the nodes of one Redis database: messages heard on it are handed to a
 * listener on the Vert.x context that started it; publishing goes through the shared connection. The channel has
 * a subscriber connection of its own ({@link RedisComponent#connectPubSub()}), which Lettuce subscribes again
 * after a reconnect; each subscription after the first tells the listener that messages may have been missed.
 */
public final class RedisChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisChannel.class);

    /** What the channel hears. Called on the context that started the channel. */
    public interface Listener {
        void onMessage(String message);

        /** Subscribed again after Redis was away: messages of the meantime are lost. */
        default void onResubscribed() {
        }
    }

    private final RedisComponent redis;
    private final String name;
    private final Listener listener;
    private final AtomicBoolean subscribedOnce = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile StatefulRedisPubSubConnection<String, String> connection;

    /** @param name the channel's name; see {@link #named(String, RedisComponent)} */
    public RedisChannel(RedisComponent redis, String name, Listener listener) {
        this.redis = redis;
        this.name = name;
        this.listener = listener;
    }

    /** {@code base:<database>}: nodes on another database of the same server do not hear each other. */
    public static String named(String base, RedisComponent redis) {
        return base + ":" + redis.database();
    }

    public String name() {
        return name;
    }

    /** Connects and subscribes; completes once Redis confirmed the subscription. */
    public Future<Void> start() {
        // connectPubSub completes on a Vert.x context (the caller's, or one made for it): messages go there
        return redis.connectPubSub().compose(c -> {
            synchronized (this) {
                if (closed.get()) {
                    // closed while the connection was being made: it is ours to close
                    c.closeAsync();
                    return Future.failedFuture(new IllegalStateException("channel " + name + " closed while opening"));
                }
                connection = c;
            }
            Context on = Vertx.currentContext();
            c.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    if (name.equals(channel)) {
                        run(on, () -> listener.onMessage(message), "message");
                    }
                }

                @Override
                public void subscribed(String channel, long count) {
                    if (name.equals(channel) && subscribedOnce.getAndSet(true)) {
                        LOG.info("Redis channel {} subscribed again after a reconnect", name);
                        run(on, listener::onResubscribed, "resubscription");
                    }
                }
            });
            return OnCallerContext.on(c.async().subscribe(name)).mapEmpty();
        });
    }

    private void run(Context on, Runnable task, String what) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("the listener of Redis channel {} failed on a {}", name, what, e);
            }
        };
        if (on == null) {
            guarded.run();
        } else {
            on.runOnContext(v -> guarded.run());
        }
    }

    /**
     * Publishes on the shared connection; fails at once while that connection is known to be down (a late
     * announcement is worth less than none). A failure is logged here; the future tells the caller too.
     */
    public Future<Void> publish(String message) {
        if (redis.knownDown()) {
            LOG.warn("not published on Redis channel {}: Redis is not connected", name);
            return Future.failedFuture(new IllegalStateException("Redis is not connected"));
        }
        return OnCallerContext.on(redis.connection().async().publish(name, message)).<Void>mapEmpty()
                .onFailure(e -> LOG.warn("not published on Redis channel {}: {}", name, e.toString()));
    }

    /** Closes the subscriber connection, also one still being opened. Idempotent. */
    @Override
    public void close() {
        StatefulRedisPubSubConnection<String, String> c;
        synchronized (this) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            c = connection;
            connection = null;
        }
        if (c != null) {
            c.closeAsync();
        }
    }
}
