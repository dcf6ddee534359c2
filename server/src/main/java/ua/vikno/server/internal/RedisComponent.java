package ua.vikno.server.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import ua.vikno.config.RedisSettings;
import ua.vikno.server.Component;
import ua.vikno.server.ComponentHealth;

/**
 * The Redis connection shared by the modules (Lettuce, async API). Start-up retries until the configured
 * connect timeout and then fails naming the address; afterwards Lettuce reconnects on its own with a short
 * back-off, and {@link #health()} reports DOWN while Redis is away.
 */
public final class RedisComponent implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(RedisComponent.class);
    private static final long RETRY_MS = 200;

    private final Vertx vertx;
    private final RedisSettings settings;
    private final RedisURI uri;
    private ClientResources resources;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private final java.util.List<RedisClient> extraClients = new java.util.concurrent.CopyOnWriteArrayList<>();

    public RedisComponent(Vertx vertx, RedisSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.uri = RedisURI.create(settings.url());
        this.uri.setTimeout(settings.commandTimeout());
    }

    @Override
    public String name() {
        return "redis";
    }

    /** Where Redis is, without any password: host:port/db. */
    public String address() {
        return uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    /** The shared connection; valid after {@link #start()} succeeded. */
    public StatefulRedisConnection<String, String> connection() {
        return connection;
    }

    /** The Redis database the configuration names. */
    public int database() {
        return uri.getDatabase();
    }

    /** A pub/sub connection of the caller's own (closed by the caller, or at the latest when Redis's client stops). */
    public Future<StatefulRedisPubSubConnection<String, String>> connectPubSub() {
        return Future.fromCompletionStage(client.connectPubSubAsync(StringCodec.UTF8, uri), vertx.getOrCreateContext());
    }

    /** The client, for modules that need connections of their own (blocking stream reads). */
    public RedisClient client() {
        return client;
    }

    @Override
    public Future<Void> start() {
        resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(
                        Math.min(1000, settings.connectTimeout().toMillis()))).build())
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .build());
        Context context = vertx.getOrCreateContext();
        Promise<Void> started = Promise.promise();
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        attempt(context, started, deadline);
        return started.future();
    }

    private void attempt(Context context, Promise<Void> started, long deadline) {
        Future.fromCompletionStage(client.connectAsync(StringCodec.UTF8, uri), context).onComplete(ar -> {
            if (ar.succeeded()) {
                connection = ar.result();
                LOG.info("connected to Redis at {}", address());
                started.complete();
            } else if (System.nanoTime() + RETRY_MS * 1_000_000 < deadline) {
                vertx.setTimer(RETRY_MS, t -> attempt(context, started, deadline));
            } else {
                started.fail(new IllegalStateException("cannot connect to Redis at " + address() + " within "
                        + settings.connectTimeout().toSeconds() + " s: " + rootMessage(ar.cause())));
            }
        });
    }

    /**
     * A connection of its own for a module that must fail fast while Redis is away (commands are rejected when
     * disconnected and time out after the command timeout) instead of queueing, e.g. the SIP registrar.
     */
    public Future<StatefulRedisConnection<String, String>> connectFailFast() {
        RedisClient own = RedisClient.create(resources, uri);
        own.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .build());
        extraClients.add(own);
        return Future.fromCompletionStage(own.connectAsync(StringCodec.UTF8, uri), vertx.getOrCreateContext());
    }

    /**
     * True while the shared connection is known to be lost (not yet made, or Lettuce reconnecting): the state
     * {@link #health()} reports as "not connected", without a round trip.
     */
    public boolean knownDown() {
        StatefulRedisConnection<String, String> c = connection;
        return c == null || !c.isOpen();
    }

    @Override
    public Future<ComponentHealth> health() {
        if (connection == null || !connection.isOpen()) {
            return Future.succeededFuture(ComponentHealth.down(Map.of("address", address(), "error", "not connected")));
        }
        long start = System.nanoTime();
        return Future.fromCompletionStage(connection.async().ping().toCompletableFuture()
                        .orTimeout(1, TimeUnit.SECONDS), vertx.getOrCreateContext())
                .map(pong -> ComponentHealth.up(Map.of("address", address(),
                        "latencyMs", (System.nanoTime() - start) / 1_000_000)))
                .recover(e -> Future.succeededFuture(ComponentHealth.down(Map.of("address", address(),
                        "error", rootMessage(e)))));
    }

    @Override
    public Future<Void> stop() {
        Future<Void> closed = Future.succeededFuture();
        if (connection != null) {
            StatefulRedisConnection<String, String> c = connection;
            connection = null;
            closed = Future.fromCompletionStage(c.closeAsync()).otherwiseEmpty().mapEmpty();
        }
        for (RedisClient extra : extraClients) {
            closed = closed.compose(v -> Future.fromCompletionStage(extra.shutdownAsync(0, 2, TimeUnit.SECONDS))
                    .otherwiseEmpty().mapEmpty());
        }
        extraClients.clear();
        return closed.compose(v -> {
            if (client == null) {
                return Future.succeededFuture();
            }
            RedisClient c = client;
            client = null;
            return Future.fromCompletionStage(c.shutdownAsync(0, 2, TimeUnit.SECONDS)).otherwiseEmpty().mapEmpty();
        }).compose(v -> {
            if (resources == null) {
                return Future.succeededFuture();
            }
            ClientResources r = resources;
            resources = null;
            Promise<Void> done = Promise.promise();
            r.shutdown(0, 2, TimeUnit.SECONDS).addListener(f -> done.tryComplete());
            return done.future();
        });
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
