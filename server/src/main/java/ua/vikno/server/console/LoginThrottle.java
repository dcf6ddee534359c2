package ua.vikno.server.console;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Locks a login name from one source address out for a while after repeated failed logins: {@code maxFailures}
 * failures within {@code window} lock it for {@code lockout}; a successful login forgets the failures. The failures
 * and lockouts live in Redis, so every node sharing the database counts the same attempts; the times come from
 * the injected clock (Redis expiry only clears the keys away). While Redis is away every method fails with
 * {@link LoginFailure.Unavailable}: no login is let through unchecked.
 */
public final class LoginThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    private static final String FAILURES = "vikno:console:login-failures:";
    private static final String LOCKOUT = "vikno:console:login-lockout:";
    /**
     * KEYS: the failures (a hash: first, n), the lockout (its end, epoch ms). ARGV: now, max failures, window,
     * lockout (ms). Returns {started, lockout left in ms}: {0, 0} when not locked out.
     */
    private static final String FAILURE = """
            local now = tonumber(ARGV[1])
            local locked = tonumber(redis.call('GET', KEYS[2]) or '0')
            if locked > now then return {0, locked - now} end
            local first = tonumber(redis.call('HGET', KEYS[1], 'first') or '-1')
            if first < 0 or first + tonumber(ARGV[3]) < now then
              redis.call('DEL', KEYS[1])
              redis.call('HSET', KEYS[1], 'first', ARGV[1])
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
            end
            local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
            if n >= tonumber(ARGV[2]) then
              redis.call('DEL', KEYS[1])
              redis.call('SET', KEYS[2], tostring(now + tonumber(ARGV[4])), 'PX', ARGV[4])
              return {1, tonumber(ARGV[4])}
            end
            return {0, 0}
            """;

    /** A login locked out: for how long yet, and whether the failure just counted started it. */
    public record Lockout(Duration retryAfter, boolean startedNow) {
    }

    private final Supplier<Optional<RedisAsyncCommands<String, String>>> redis;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;

    /** @param redis the shared connection's commands, once Redis is connected */
    public LoginThrottle(Supplier<Optional<RedisAsyncCommands<String, String>>> redis, Clock clock, int maxFailures,
                         Duration window, Duration lockout) {
        this.redis = redis;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
    }

    /** The defaults: 5 failures within 15 minutes lock out for 15 minutes. */
    public static LoginThrottle defaults(Supplier<Optional<RedisAsyncCommands<String, String>>> redis, Clock clock) {
        return new LoginThrottle(redis, clock, 5, Duration.ofMinutes(15), Duration.ofMinutes(15));
    }

    /** How long {@code login} from {@code address} stays locked out, if it is. */
    public Future<Optional<Duration>> lockedFor(String login, String address) {
        long now = clock.millis();
        return commands().compose(r -> on(r.get(LOCKOUT + key(login, address)))).map(until -> {
            long left = until == null ? 0 : Long.parseLong(until) - now;
            return left > 0 ? Optional.of(Duration.ofMillis(left)) : Optional.empty();
        });
    }

    /** Counts a failed login; returns the lockout in force after it, started by it or already under way. */
    public Future<Optional<Lockout>> onFailure(String login, String address) {
        String key = key(login, address);
        String[] keys = {FAILURES + key, LOCKOUT + key};
        return commands().compose(r -> on(r.<List<Object>>eval(FAILURE, ScriptOutputType.MULTI, keys,
                String.valueOf(clock.millis()), String.valueOf(maxFailures), String.valueOf(window.toMillis()),
                String.valueOf(lockout.toMillis())))).map(reply -> {
                    long left = (Long) reply.get(1);
                    return left > 0 ? Optional.of(new Lockout(Duration.ofMillis(left), (Long) reply.get(0) == 1))
                            : Optional.empty();
                });
    }

    /** Forgets the failures (and any lockout) of {@code login} from {@code address}. */
    public Future<Void> onSuccess(String login, String address) {
        String key = key(login, address);
        return commands().compose(r -> on(r.del(FAILURES + key, LOCKOUT + key))).mapEmpty();
    }

    private Future<RedisAsyncCommands<String, String>> commands() {
        return redis.get().filter(r -> r.getStatefulConnection().isOpen()).map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new LoginFailure.Unavailable()));
    }

    /** A Redis reply on the caller's context; a failure (Redis away or slow) becomes {@link LoginFailure.Unavailable}. */
    private static <T> Future<T> on(CompletionStage<T> reply) {
        Context context = Vertx.currentContext();
        Future<T> f = context == null ? Future.fromCompletionStage(reply) : Future.fromCompletionStage(reply, context);
        return f.recover(e -> {
            LOG.warn("login throttle: Redis failed: {}", e.toString());
            return Future.failedFuture(new LoginFailure.Unavailable());
        });
    }

    /** The address first: it holds no '|', so login and address cannot be mistaken for another pair. */
    private static String key(String login, String address) {
        return address + "|" + login.toLowerCase(Locale.ROOT);
    }
}
