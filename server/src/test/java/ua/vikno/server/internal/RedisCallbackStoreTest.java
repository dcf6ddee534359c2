package ua.vikno.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import ua.vikno.ivr.VertxTimers;
import ua.vikno.ivr.callback.CallbackJournal;
import ua.vikno.ivr.callback.PendingCallback;
import ua.vikno.testkit.RedisServer;
import ua.vikno.testkit.SharedRedis;

/** The node's pending call-backs in a real Redis. */
class RedisCallbackStoreTest {
    static final Instant T = Instant.parse("2026-11-23T08:00:00Z");
    RedisClient client;
    StatefulRedisConnection<String, String> connection;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static PendingCallback callback(String id, int attempts) {
        return new PendingCallback(id, "dispatch", "+38067000000" + id.length(), "+380444960000", "city", T,
                T.plusSeconds(10), T.plus(Duration.ofHours(4)), attempts);
    }

    @BeforeEach
    void connect() {
        client = RedisClient.create(SharedRedis.get().url().replace("/0", "/5"));
        connection = client.connect();
        connection.sync().flushdb();
    }

    @AfterEach
    void close() {
        connection.close();
        client.shutdown();
    }

    @Test
    void keepsEachCallBackUnderItsNodesKeyUntilRemoved() throws Exception {
        RedisCallbackStore a = new RedisCallbackStore(connection.async(), "node-a");
        await(a.save(callback("c1", 0)));
        await(a.save(callback("c2", 0)));
        await(a.save(callback("c1", 1)));
        assertThat(connection.sync().hkeys("vikno:node:node-a:callbacks")).containsExactlyInAnyOrder("c1", "c2");
        assertThat(await(a.load())).containsExactlyInAnyOrder(callback("c1", 1), callback("c2", 0));
        await(a.remove("c1"));
        await(a.remove("c1"));
        assertThat(await(a.load())).containsExactly(callback("c2", 0));
        assertThat(await(new RedisCallbackStore(connection.async(), "node-b").load())).isEmpty();
    }

    @Test
    void writesRefusedWhileRedisIsDownAreMadeOnceItIsBack() throws Exception {
        Vertx vertx = Vertx.vertx();
        RedisServer own = RedisServer.start();
        RedisClient ownClient = RedisClient.create(own.url());
        ownClient.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(1))).build());
        try (StatefulRedisConnection<String, String> c = ownClient.connect()) {
            CallbackJournal journal = new CallbackJournal(new RedisCallbackStore(c.async(), "node-a"),
                    new VertxTimers(vertx));
            String key = RedisCallbackStore.key("node-a");
            journal.save(callback("served", 1));
            awaitTrue(() -> own.command("HEXISTS", key, "served").equals(":1"), "the first save");
            own.kill();
            vertx.runOnContext(v -> {
                journal.save(callback("pending", 0));
                journal.remove("served");
            });
            awaitTrue(() -> journal.waiting() == 2, "both writes refused and waiting");
            own.startAgain();
            // Lettuce reconnects with its back-off, and the journal tries again within its own: up to 60 s
            awaitTrue(() -> own.command("HEXISTS", key, "pending").equals(":1")
                    && own.command("HEXISTS", key, "served").equals(":0"), "the writes made after the restart");
            awaitTrue(() -> journal.waiting() == 0, "nothing left to write");
            journal.stop();
        } finally {
            ownClient.shutdown();
            own.close();
            vertx.close();
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within 60 s", what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void anUnreadableEntryDoesNotKeepTheOthersFromBeingRestored() throws Exception {
        RedisCallbackStore a = new RedisCallbackStore(connection.async(), "node-a");
        await(a.save(callback("c1", 2)));
        connection.sync().hset("vikno:node:node-a:callbacks", "broken", "{not json");
        assertThat(await(a.load())).containsExactly(callback("c1", 2));
    }
}
