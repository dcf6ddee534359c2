package ua.vikno.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import ua.vikno.testkit.RedisServer;
import ua.vikno.testkit.SharedRedis;

/** The throttle against a real Redis, with a clock the test moves. */
class LoginThrottleTest {
    static final String IP = "192.0.2.7";
    static final String DB = "11";

    /** A clock the test moves. */
    static final class FakeClock extends Clock {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    final FakeClock clock = new FakeClock();
    RedisClient client;
    StatefulRedisConnection<String, String> connection;
    LoginThrottle throttle;

    @BeforeEach
    void connect() {
        client = RedisClient.create(SharedRedis.get().url().replace("/0", "/" + DB));
        connection = client.connect();
        connection.sync().flushdb();
        throttle = onThisConnection(connection);
    }

    @AfterEach
    void disconnect() {
        connection.close();
        client.shutdown();
    }

    LoginThrottle onThisConnection(StatefulRedisConnection<String, String> c) {
        return new LoginThrottle(() -> Optional.of(c.async()), clock, 3, Duration.ofMinutes(10),
                Duration.ofMinutes(15));
    }

    Optional<LoginThrottle.Lockout> fail(LoginThrottle t, String login, String address) throws Exception {
        return await(t.onFailure(login, address));
    }

    @Nested
    class BelowTheLimit {
        @Test
        void isNotLockedOut() throws Exception {
            fail(throttle, "koval", IP);
            fail(throttle, "koval", IP);
            assertThat(await(throttle.lockedFor("koval", IP))).isEmpty();
        }

        @Test
        void failuresOlderThanTheWindowAreForgotten() throws Exception {
            fail(throttle, "koval", IP);
            fail(throttle, "koval", IP);
            clock.advance(Duration.ofMinutes(11));
            assertThat(fail(throttle, "koval", IP)).isEmpty();
            assertThat(fail(throttle, "koval", IP)).isEmpty();
        }

        @Test
        void aSuccessForgetsTheFailures() throws Exception {
            fail(throttle, "koval", IP);
            fail(throttle, "koval", IP);
            await(throttle.onSuccess("koval", IP));
            assertThat(fail(throttle, "koval", IP)).isEmpty();
        }
    }

    @Nested
    class AtTheLimit {
        @Test
        void theLastFailureStartsTheLockout() throws Exception {
            fail(throttle, "koval", IP);
            fail(throttle, "koval", IP);
            assertThat(fail(throttle, "koval", IP)).contains(new LoginThrottle.Lockout(Duration.ofMinutes(15), true));
            clock.advance(Duration.ofMinutes(5));
            assertThat(await(throttle.lockedFor("koval", IP))).contains(Duration.ofMinutes(10));
        }

        @Test
        void aFailureDuringTheLockoutReportsItWithoutStartingAnother() throws Exception {
            for (int i = 0; i < 3; i++) {
                fail(throttle, "koval", IP);
            }
            clock.advance(Duration.ofMinutes(1));
            assertThat(fail(throttle, "koval", IP)).contains(new LoginThrottle.Lockout(Duration.ofMinutes(14), false));
        }

        @Test
        void theLockoutEndsAfterItsPeriodAndCountingStartsAgain() throws Exception {
            for (int i = 0; i < 3; i++) {
                fail(throttle, "koval", IP);
            }
            clock.advance(Duration.ofMinutes(15));
            assertThat(await(throttle.lockedFor("koval", IP))).isEmpty();
            assertThat(fail(throttle, "koval", IP)).isEmpty();
        }

        @Test
        void onlyThatLoginFromThatAddressIsLockedAndLoginCaseDoesNotMatter() throws Exception {
            for (int i = 0; i < 3; i++) {
                fail(throttle, "Koval", IP);
            }
            assertThat(await(throttle.lockedFor("koval", IP))).isPresent();
            assertThat(await(throttle.lockedFor("koval", "192.0.2.8"))).isEmpty();
            assertThat(await(throttle.lockedFor("admin", IP))).isEmpty();
        }

        @Test
        void theKeysExpireInRedisOnceNoLongerNeeded() throws Exception {
            fail(throttle, "koval", IP);
            assertThat(connection.sync().pttl("vikno:console:login-failures:" + IP + "|koval"))
                    .isBetween(1L, Duration.ofMinutes(10).toMillis());
            fail(throttle, "koval", IP);
            fail(throttle, "koval", IP);
            assertThat(connection.sync().pttl("vikno:console:login-lockout:" + IP + "|koval"))
                    .isBetween(1L, Duration.ofMinutes(15).toMillis());
        }
    }

    @Nested
    class OnSeveralNodes {
        @Test
        void failuresSpreadOverNodesCountTogetherAndTheLockoutHoldsOnEveryNode() throws Exception {
            try (StatefulRedisConnection<String, String> other = client.connect()) {
                LoginThrottle elsewhere = onThisConnection(other);
                fail(throttle, "koval", IP);
                fail(elsewhere, "koval", IP);
                assertThat(fail(throttle, "koval", IP)).map(LoginThrottle.Lockout::startedNow).contains(true);
                assertThat(await(elsewhere.lockedFor("koval", IP))).contains(Duration.ofMinutes(15));
                await(elsewhere.onSuccess("koval", IP));
                assertThat(await(throttle.lockedFor("koval", IP))).isEmpty();
            }
        }
    }

    @Nested
    class WhileRedisIsAway {
        @Test
        void everyCheckFailsAsUnavailableAndWorksAgainOnceRedisIsBack() throws Exception {
            try (RedisServer own = RedisServer.start()) {
                RedisClient ownClient = RedisClient.create(own.url());
                // as the node's connection: a command waits at most the command timeout
                ownClient.setOptions(io.lettuce.core.ClientOptions.builder()
                        .timeoutOptions(io.lettuce.core.TimeoutOptions.enabled(Duration.ofSeconds(2))).build());
                try (StatefulRedisConnection<String, String> c = ownClient.connect()) {
                    LoginThrottle t = onThisConnection(c);
                    fail(t, "koval", IP);
                    own.kill();
                    assertThatThrownBy(() -> await(t.lockedFor("koval", IP))).isInstanceOf(ExecutionException.class)
                            .hasCauseInstanceOf(LoginFailure.Unavailable.class);
                    assertThatThrownBy(() -> fail(t, "koval", IP)).hasCauseInstanceOf(LoginFailure.Unavailable.class);
                    assertThatThrownBy(() -> await(t.onSuccess("koval", IP)))
                            .hasCauseInstanceOf(LoginFailure.Unavailable.class);

                    own.startAgain();
                    // Lettuce reconnects with a back-off: poll, on a slow machine for a good while
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    Optional<LoginThrottle.Lockout> after = null;
                    while (after == null && System.nanoTime() < deadline) {
                        try {
                            after = fail(t, "koval", IP);
                        } catch (ExecutionException e) {
                            Thread.sleep(250);
                        }
                    }
                    // the failure counted before Redis went away is still there (AOF): this is the second
                    assertThat(after).isEmpty();
                    assertThat(fail(t, "koval", IP)).isPresent();
                } finally {
                    ownClient.shutdown();
                }
            }
        }
    }
}
