package ua.vikno.server.console;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Checks a password against a user's bcrypt hash ({@code $2a$}, {@code $2b$}, {@code $2y$}) on a worker thread,
 * since bcrypt is deliberately slow. An unknown user is checked against a fixed hash, so the answer takes as long
 * as for a known one. At most {@code maxConcurrent} checks run at once, so a flood of logins cannot take every
 * worker thread.
 */
public final class PasswordVerifier {
    private final Vertx vertx;
    private final String dummyHash;
    private final int maxConcurrent;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    /** Makes the stand-in hash for unknown users (a bcrypt of random bytes, cost 10); call off the event loop. */
    public PasswordVerifier(Vertx vertx, int maxConcurrent) {
        this.vertx = vertx;
        this.maxConcurrent = maxConcurrent;
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        this.dummyHash = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(10,
                java.util.HexFormat.of().formatHex(random).toCharArray());
    }

    /**
     * True when {@code password} matches {@code hash}; false for an absent or unsupported hash (argon2); fails with
     * {@link LoginFailure.Busy} when too many checks are running.
     */
    public Future<Boolean> verify(String password, Optional<String> hash) {
        int running = inFlight.incrementAndGet();
        if (running > maxConcurrent) {
            inFlight.decrementAndGet();
            return Future.failedFuture(new LoginFailure.Busy(running - 1));
        }
        String against = hash.filter(h -> h.startsWith("$2")).orElse(dummyHash);
        boolean real = hash.isPresent() && hash.get().startsWith("$2");
        return vertx.executeBlocking(() -> {
            boolean ok = BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                    against.getBytes(StandardCharsets.UTF_8)).verified;
            return ok && real;
        }, false).andThen(ar -> inFlight.decrementAndGet());
    }
}
