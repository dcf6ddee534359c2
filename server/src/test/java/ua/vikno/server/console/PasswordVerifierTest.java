package ua.vikno.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

class PasswordVerifierTest {
    /** The sample configuration's hash of "vikno-admin" ({@code htpasswd -B}, cost 10). */
    static final String ADMIN_HASH = "$2y$10$pcv2o5zvNyYdAZ6aqYKTHeXdpXK.kcfWavgrJSrfoBOcwNRYsjkPm";
    static final Vertx VERTX = Vertx.vertx();
    final PasswordVerifier verifier = new PasswordVerifier(VERTX, 2);

    @AfterAll
    static void close() {
        VERTX.close();
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void acceptsTheRightPasswordOfA2yHash() throws Exception {
        assertThat(await(verifier.verify("vikno-admin", Optional.of(ADMIN_HASH)))).isTrue();
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        assertThat(await(verifier.verify("vikno-admin ", Optional.of(ADMIN_HASH)))).isFalse();
    }

    @Test
    void refusesAnUnknownUserEvenWithSomeonesPassword() throws Exception {
        assertThat(await(verifier.verify("vikno-admin", Optional.empty()))).isFalse();
    }

    @Test
    void refusesAnArgon2HashItCannotCheckYet() throws Exception {
        assertThat(await(verifier.verify("x", Optional.of("$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA")))).isFalse();
    }

    @Test
    void isBusyBeyondItsConcurrencyLimit() {
        PasswordVerifier none = new PasswordVerifier(VERTX, 0);
        assertThatThrownBy(() -> await(none.verify("vikno-admin", Optional.of(ADMIN_HASH))))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(LoginFailure.Busy.class);
    }
}
