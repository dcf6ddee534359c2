package ua.vikno.pbx.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import ua.vikno.pbx.sip.FakeClock;

class NonceCountsTest {
    private final FakeClock clock = new FakeClock();
    private final NonceCounts counts = new NonceCounts(Duration.ofMinutes(5), clock, 3);

    @Test
    void theFirstCountOfANonceIsAccepted() {
        assertThat(counts.advance("n1", 1)).isTrue();
    }

    @Test
    void aRepeatedCountIsARefusedReplay() {
        counts.advance("n1", 1);

        assertThat(counts.advance("n1", 1)).isFalse();
    }

    @Test
    void aLowerCountIsARefusedReplay() {
        counts.advance("n1", 5);

        assertThat(counts.advance("n1", 4)).isFalse();
    }

    @Test
    void aHigherCountIsAccepted() {
        counts.advance("n1", 1);

        assertThat(counts.advance("n1", 2)).isTrue();
    }

    @Test
    void countsOfDifferentNoncesAreIndependent() {
        counts.advance("n1", 1);

        assertThat(counts.advance("n2", 1)).isTrue();
    }

    @Test
    void theOldestNonceIsForgottenBeyondCapacity() {
        counts.advance("n1", 1);
        counts.advance("n2", 1);
        counts.advance("n3", 1);
        counts.advance("n4", 1);

        assertThat(counts.advance("n1", 1)).isTrue();
        assertThat(counts.advance("n4", 1)).isFalse();
    }
}
