package ua.vikno.server.console;

import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import ua.vikno.server.Component;
import ua.vikno.server.ComponentHealth;
import ua.vikno.server.internal.RedisChannel;
import ua.vikno.server.internal.RedisComponent;

/**
 * Makes the {@link IncomingCall}s of every node sharing a Redis database reach every node's consoles, once: a
 * call of this node ({@link ConsoleAddresses#INCOMING_CALLS}) goes to this node's consoles at once and to the
 * others through the Redis channel {@value #CHANNEL}{@code :<database>}; a call heard there from another node goes
 * to this node's consoles. Both arrive on {@link ConsoleAddresses#INCOMING_CALLS_EVERYWHERE}. A node knows its own
 * messages by a random id, so it never shows a call twice. While Redis is away, calls reach only the consoles of
 * the node they ring through.
 */
public final class IncomingCallRelay implements Component {
    static final String CHANNEL = "vikno:console:incoming";
    private static final Logger LOG = LoggerFactory.getLogger(IncomingCallRelay.class);

    private final Vertx vertx;
    private final RedisComponent redis;
    private final String origin = UUID.randomUUID().toString();
    private RedisChannel channel;
    private MessageConsumer<IncomingCall> local;

    public IncomingCallRelay(Vertx vertx, RedisComponent redis) {
        this.vertx = vertx;
        this.redis = redis;
    }

    @Override
    public String name() {
        return "console-relay";
    }

    @Override
    public Future<Void> start() {
        channel = new RedisChannel(redis, RedisChannel.named(CHANNEL, redis), this::heard);
        local = vertx.eventBus().localConsumer(ConsoleAddresses.INCOMING_CALLS, m -> {
            vertx.eventBus().publish(ConsoleAddresses.INCOMING_CALLS_EVERYWHERE, m.body());
            channel.publish(new JsonObject().put("origin", origin).put("call", m.body().toJson()).encode());
        });
        return local.completion().compose(v -> channel.start());
    }

    private void heard(String message) {
        JsonObject j;
        IncomingCall call;
        try {
            j = new JsonObject(message);
            if (origin.equals(j.getString("origin"))) {
                return;
            }
            call = IncomingCall.fromJson(j.getJsonObject("call", new JsonObject()));
        } catch (DecodeException | IllegalArgumentException | ClassCastException e) {
            LOG.warn("ignoring a malformed incoming call on {}: {}", channel.name(), message);
            return;
        }
        vertx.eventBus().publish(ConsoleAddresses.INCOMING_CALLS_EVERYWHERE, call);
    }

    @Override
    public Future<Void> stop() {
        if (channel != null) {
            channel.close();
        }
        if (local != null) {
            MessageConsumer<IncomingCall> c = local;
            local = null;
            return c.unregister().otherwiseEmpty();
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<ComponentHealth> health() {
        return Future.succeededFuture(local != null ? ComponentHealth.up(Map.of("channel", channel.name()))
                : ComponentHealth.down(Map.of("error", "not started")));
    }
}
