package ua.vikno.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import ua.vikno.config.RedisSettings;
import ua.vikno.testkit.RedisServer;

/** A channel of the nodes of one Redis database, against a Redis of its own that the test restarts. */
class RedisChannelTest {
    Vertx vertx;
    RedisServer server;
    RedisComponent redis;
    final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = RedisServer.start();
        redis = new RedisComponent(vertx, new RedisSettings(server.url().replace("/0", "/5"), Duration.ofSeconds(5),
                Duration.ofSeconds(2)));
        await(redis.start());
    }

    @AfterEach
    void stop() throws Exception {
        await(redis.stop());
        server.close();
        vertx.close();
    }

    /** A channel started on a Vert.x context, recording what it hears and on which context. */
    RedisChannel open(String name, Context on) throws Exception {
        RedisChannel channel = new RedisChannel(redis, name, new RedisChannel.Listener() {
            @Override
            public void onMessage(String message) {
                heard.add((Vertx.currentContext() == on ? "" : "elsewhere:") + message);
            }

            @Override
            public void onResubscribed() {
                heard.add("resubscribed");
            }
        });
        io.vertx.core.Promise<Void> started = io.vertx.core.Promise.promise();
        on.runOnContext(v -> channel.start().onComplete(started));
        await(started.future());
        return channel;
    }

    @Test
    void theNameCarriesTheDatabase() {
        assertThat(RedisChannel.named("vikno:test", redis)).isEqualTo("vikno:test:5");
    }

    @Test
    void aMessagePublishedIsHeardOnTheContextThatStartedTheChannelAndOtherChannelsAreNot() throws Exception {
        Context context = vertx.getOrCreateContext();
        try (RedisChannel channel = open("vikno:test:a", context); RedisChannel other = open("vikno:test:b", context)) {
            await(channel.publish("hello"));
            assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
            assertThat(heard.poll(300, TimeUnit.MILLISECONDS)).as("the other channel heard it").isNull();
        }
    }

    @Test
    void afterRedisIsBackTheChannelSubscribesAgainTellsTheListenerAndHearsMessages() throws Exception {
        try (RedisChannel channel = open("vikno:test:c", vertx.getOrCreateContext())) {
            server.kill();
            long down = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!redis.knownDown() && System.nanoTime() < down) {
                Thread.sleep(20);
            }
            assertThat(channel.publish("lost").failed()).as("refused at once while Redis is known down").isTrue();
            server.startAgain();
            // Lettuce reconnects with back-off (capped at 2 s): on a slow machine it takes a while
            assertThat(heard.poll(60, TimeUnit.SECONDS)).isEqualTo("resubscribed");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String next = null;
            while (next == null && System.nanoTime() < deadline) {
                channel.publish("back");
                next = heard.poll(500, TimeUnit.MILLISECONDS);
            }
            assertThat(next).isEqualTo("back");
        }
    }

    @Test
    void aChannelClosedWhileItsConnectionIsOpeningClosesThatConnection() throws Exception {
        int before = clients();
        RedisChannel channel = new RedisChannel(redis, "vikno:test:d", message -> heard.add(message));
        Future<Void> starting = channel.start();
        channel.close();
        assertThat(starting.toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS))
                .isNotNull();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (clients() > before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(clients()).isEqualTo(before);
    }

    /** Connections Redis has now (its INFO clients), besides the one asking. */
    int clients() throws Exception {
        String info = await(Future.fromCompletionStage(redis.connection().async().info("clients")));
        return info.lines().filter(l -> l.startsWith("connected_clients:"))
                .mapToInt(l -> Integer.parseInt(l.substring("connected_clients:".length()).trim())).findFirst()
                .orElseThrow();
    }
}
