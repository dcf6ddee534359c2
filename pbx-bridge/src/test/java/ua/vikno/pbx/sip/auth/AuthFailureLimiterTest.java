package ua.vikno.pbx.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import ua.vikno.pbx.sip.FakeClock;

class AuthFailureLimiterTest {
    private final FakeClock clock = new FakeClock();
    private final AuthFailureLimiter limiter =
            new AuthFailureLimiter(3, Duration.ofMinutes(1), Duration.ofMinutes(10), clock);

    @Test
    void anAddressWithFewerFailuresThanTheLimitIsNotLockedOut() {
        limiter.recordFailure("10.0.0.1");
        limiter.recordFailure("10.0.0.1");

        assertThat(limiter.isLockedOut("10.0.0.1")).isFalse();
        assertThat(limiter.lockouts()).isZero();
        assertThat(limiter.failures()).isEqualTo(2);
    }

    @Test
    void theFailureThatReachesTheLimitLocksTheAddressOut() {
        assertThat(limiter.recordFailure("10.0.0.1")).isFalse();
        assertThat(limiter.recordFailure("10.0.0.1")).isFalse();
        assertThat(limiter.recordFailure("10.0.0.1")).isTrue();

        assertThat(limiter.isLockedOut("10.0.0.1")).isTrue();
        assertThat(limiter.lockouts()).isEqualTo(1);
    }

    @Test
    void anotherAddressIsNotAffected() {
        lockOut("10.0.0.1");

        assertThat(limiter.isLockedOut("10.0.0.2")).isFalse();
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        limiter.recordFailure("10.0.0.1");
        limiter.recordFailure("10.0.0.1");
        clock.advance(Duration.ofMinutes(1));

        assertThat(limiter.recordFailure("10.0.0.1")).isFalse();
        assertThat(limiter.isLockedOut("10.0.0.1")).isFalse();
    }

    @Nested
    class Memory {
        private final AuthFailureLimiter small =
                new AuthFailureLimiter(3, Duration.ofMinutes(1), Duration.ofMinutes(10), clock, 3);

        @Test
        void neverTracksMoreAddressesThanItsLimit() {
            for (int i = 0; i < 100; i++) {
                small.recordFailure("10.0.1." + i);
            }

            assertThat(small.trackedSources()).isLessThanOrEqualTo(3);
        }

        @Test
        void forgetsAddressesThatAreNotLockedOutBeforeLockedOnes() {
            for (int i = 0; i < 3; i++) {
                small.recordFailure("10.0.0.1");
            }
            small.recordFailure("10.0.0.2");
            small.recordFailure("10.0.0.3");
            small.recordFailure("10.0.0.4");

            assertThat(small.isLockedOut("10.0.0.1")).isTrue();
        }

        @Test
        void forgetsAddressesWhoseFailuresExpiredFirst() {
            small.recordFailure("10.0.0.1");
            clock.advance(Duration.ofMinutes(2));
            small.recordFailure("10.0.0.2");
            small.recordFailure("10.0.0.2");
            small.recordFailure("10.0.0.3");
            small.recordFailure("10.0.0.4");
            small.recordFailure("10.0.0.2");

            assertThat(small.isLockedOut("10.0.0.2")).isTrue();
        }
    }

    @Nested
    class WhenLockedOut {

        @Test
        void theLockoutLastsItsWholeDuration() {
            lockOut("10.0.0.1");
            clock.advance(Duration.ofMinutes(10).minusMillis(1));

            assertThat(limiter.isLockedOut("10.0.0.1")).isTrue();
        }

        @Test
        void theLockoutEndsAfterItsDuration() {
            lockOut("10.0.0.1");
            clock.advance(Duration.ofMinutes(10));

            assertThat(limiter.isLockedOut("10.0.0.1")).isFalse();
        }

        @Test
        void afterTheLockoutTheAddressStartsCountingAgain() {
            lockOut("10.0.0.1");
            clock.advance(Duration.ofMinutes(10));

            assertThat(limiter.recordFailure("10.0.0.1")).isFalse();
            assertThat(limiter.isLockedOut("10.0.0.1")).isFalse();
        }
    }

    private void lockOut(String address) {
        for (int i = 0; i < 3; i++) {
            limiter.recordFailure(address);
        }
    }
}
