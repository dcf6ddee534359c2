package ua.vikno.pbx.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import ua.vikno.pbx.sip.FakeClock;

class NoncesTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private final FakeClock clock = new FakeClock();
    private final Nonces nonces = new Nonces(KEY, Duration.ofMinutes(5), clock);

    @Test
    void aNewNonceIsFresh() {
        assertThat(nonces.check(nonces.issue())).isEqualTo(Nonces.State.FRESH);
    }

    @Test
    void aNonceIsFreshUntilJustBeforeItsLifetimeEnds() {
        String nonce = nonces.issue();
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(nonces.check(nonce)).isEqualTo(Nonces.State.FRESH);
    }

    @Test
    void aNonceIsStaleOnceItsLifetimeIsOver() {
        String nonce = nonces.issue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(nonces.check(nonce)).isEqualTo(Nonces.State.STALE);
    }

    @Test
    void aNonceFromAnotherKeyIsForeign() {
        Nonces other = new Nonces("fedcba9876543210fedcba9876543210".getBytes(), Duration.ofMinutes(5), clock);
        assertThat(nonces.check(other.issue())).isEqualTo(Nonces.State.FOREIGN);
    }

    @Test
    void aTamperedNonceIsForeign() {
        String nonce = nonces.issue();
        char last = nonce.charAt(nonce.length() - 1);
        String tampered = nonce.substring(0, nonce.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(nonces.check(tampered)).isEqualTo(Nonces.State.FOREIGN);
    }

    @Test
    void garbageIsForeign() {
        assertThat(nonces.check("not a nonce!")).isEqualTo(Nonces.State.FOREIGN);
        assertThat(nonces.check("")).isEqualTo(Nonces.State.FOREIGN);
    }

    @Test
    void twoNoncesDiffer() {
        String first = nonces.issue();
        clock.advance(Duration.ofMillis(1));
        assertThat(nonces.issue()).isNotEqualTo(first);
    }
}
