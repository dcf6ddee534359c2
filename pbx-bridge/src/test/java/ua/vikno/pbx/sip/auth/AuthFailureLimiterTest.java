package ua.vikno.pbx.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import ua.vikno.pbx.sip.FakeClock;

/** Failures per claimed user and source address, and distinct failed user names per address (max-auth-failures 3). */
class AuthFailureLimiterTest {
    private static final String OFFICE = "10.0.0.1";
    private static final int SCAN = AuthFailureLimiter.SCANNER_FACTOR * 3;

    private final FakeClock clock = new FakeClock();
    private final AuthFailureLimiter limiter =
            new AuthFailureLimiter(3, Duration.ofMinutes(1), Duration.ofMinutes(10), clock);

    @Nested
    class OneUserAtOneAddress {

        @Test
        void fewerFailuresThanTheLimitLockNothing() {
            limiter.recordFailure("201", OFFICE);
            limiter.recordFailure("201", OFFICE);

            assertThat(limiter.isLockedOut("201", OFFICE)).isFalse();
            assertThat(limiter.lockouts()).isZero();
            assertThat(limiter.failures()).isEqualTo(2);
        }

        @Test
        void theFailureThatReachesTheLimitLocksTheUserOutFromThatAddress() {
            assertThat(limiter.recordFailure("201", OFFICE)).isFalse();
            assertThat(limiter.recordFailure("201", OFFICE)).isFalse();
            assertThat(limiter.recordFailure("201", OFFICE)).isTrue();

            assertThat(limiter.isLockedOut("201", OFFICE)).isTrue();
            assertThat(limiter.lockouts()).isEqualTo(1);
        }

        @Test
        void aNeighbourLineBehindTheSameAddressIsNotLockedOut() {
            lockOut("201", OFFICE);

            assertThat(limiter.isLockedOut("202", OFFICE)).isFalse();
            assertThat(limiter.isAddressLockedOut(OFFICE)).isFalse();
        }

        @Test
        void theSameUserFromAnotherAddressIsNotLockedOut() {
            lockOut("201", OFFICE);

            assertThat(limiter.isLockedOut("201", "10.0.0.2")).isFalse();
        }

        @Test
        void failuresOlderThanTheWindowAreForgotten() {
            limiter.recordFailure("201", OFFICE);
            limiter.recordFailure("201", OFFICE);
            clock.advance(Duration.ofMinutes(1));

            assertThat(limiter.recordFailure("201", OFFICE)).isFalse();
            assertThat(limiter.isLockedOut("201", OFFICE)).isFalse();
        }

        @Test
        void failuresOfDifferentUsersDoNotAddUpToAUserLockout() {
            limiter.recordFailure("201", OFFICE);
            limiter.recordFailure("202", OFFICE);
            limiter.recordFailure("203", OFFICE);

            assertThat(limiter.isLockedOut("201", OFFICE)).isFalse();
            assertThat(limiter.isLockedOut("203", OFFICE)).isFalse();
        }
    }

    @Nested
    class AScanner {

        @Test
        void locksTheWholeAddressOnceFourTimesTheLimitOfDistinctUserNamesFailed() {
            for (int i = 0; i < SCAN - 1; i++) {
                assertThat(limiter.recordFailure("user" + i, OFFICE)).isFalse();
            }

            assertThat(limiter.recordFailure("admin", OFFICE)).isTrue();

            assertThat(limiter.isAddressLockedOut(OFFICE)).isTrue();
            assertThat(limiter.isLockedOut("202", OFFICE)).as("every user from that address").isTrue();
            assertThat(limiter.isLockedOut("202", "10.0.0.2")).as("not from another address").isFalse();
            assertThat(limiter.lockouts()).isEqualTo(1);
        }

        @Test
        void aNameTriedAgainCountsOnce() {
            for (int i = 0; i < SCAN - 1; i++) {
                limiter.recordFailure("user" + i, OFFICE);
            }

            assertThat(limiter.recordFailure("user0", OFFICE)).isFalse();
            assertThat(limiter.isAddressLockedOut(OFFICE)).isFalse();
        }

        @Test
        void aNameTriedAgainLaterStaysCountedForItsLastFailure() {
            limiter.recordFailure("user0", OFFICE);
            clock.advance(Duration.ofSeconds(40));
            limiter.recordFailure("user0", OFFICE);
            for (int i = 1; i < SCAN - 1; i++) {
                limiter.recordFailure("user" + i, OFFICE);
            }
            clock.advance(Duration.ofSeconds(30));

            assertThat(limiter.recordFailure("admin", OFFICE)).isTrue();
        }

        @Test
        void failuresSpreadWiderThanTheWindowDoNotLockTheAddress() {
            for (int i = 0; i < SCAN - 1; i++) {
                limiter.recordFailure("user" + i, OFFICE);
            }
            clock.advance(Duration.ofMinutes(1));

            assertThat(limiter.recordFailure("admin", OFFICE)).isFalse();
            assertThat(limiter.isAddressLockedOut(OFFICE)).isFalse();
        }

        @Test
        void theAddressLockoutEndsAfterItsDuration() {
            for (int i = 0; i < SCAN; i++) {
                limiter.recordFailure("user" + i, OFFICE);
            }
            clock.advance(Duration.ofMinutes(10).minusMillis(1));
            assertThat(limiter.isLockedOut("202", OFFICE)).isTrue();

            clock.advance(Duration.ofMillis(1));

            assertThat(limiter.isLockedOut("202", OFFICE)).isFalse();
        }
    }

    @Nested
    class AnOfficeBehindOneAddress {

        @Test
        void phonesWithStalePasswordsLockOutOnlyTheirOwnLines() {
            for (int user = 0; user < AuthFailureLimiter.SCANNER_FACTOR; user++) {
                lockOut("20" + user, OFFICE);
            }

            assertThat(limiter.isAddressLockedOut(OFFICE)).isFalse();
            assertThat(limiter.isLockedOut("209", OFFICE)).as("a neighbour line").isFalse();
            assertThat(limiter.lockouts()).as("the four lines").isEqualTo(AuthFailureLimiter.SCANNER_FACTOR);
        }

        @Test
        void phonesRetryingPastTheirLockoutsStillLockOnlyTheirOwnLines() {
            for (int round = 0; round < 5; round++) {
                clock.advance(Duration.ofMinutes(10));
                for (int user = 0; user < AuthFailureLimiter.SCANNER_FACTOR; user++) {
                    lockOut("20" + user, OFFICE);
                }
            }

            assertThat(limiter.isAddressLockedOut(OFFICE)).isFalse();
        }
    }

    @Nested
    class Memory {
        private final AuthFailureLimiter small =
                new AuthFailureLimiter(3, Duration.ofMinutes(1), Duration.ofMinutes(10), clock, 3);

        @Test
        void neverTracksMoreEntriesThanItsLimitPerLevel() {
            for (int i = 0; i < 100; i++) {
                small.recordFailure("user" + i, "10.0.1." + i);
            }

            assertThat(small.trackedSources()).isLessThanOrEqualTo(2 * 3);
        }

        @Test
        void forgetsUsersThatAreNotLockedOutBeforeLockedOnes() {
            for (int i = 0; i < 3; i++) {
                small.recordFailure("201", "10.0.0.1");
            }
            small.recordFailure("201", "10.0.0.2");
            small.recordFailure("201", "10.0.0.3");
            small.recordFailure("201", "10.0.0.4");

            assertThat(small.isLockedOut("201", "10.0.0.1")).isTrue();
        }

        @Test
        void forgetsEntriesWhoseFailuresExpiredFirst() {
            small.recordFailure("201", "10.0.0.1");
            clock.advance(Duration.ofMinutes(2));
            small.recordFailure("201", "10.0.0.2");
            small.recordFailure("201", "10.0.0.2");
            small.recordFailure("201", "10.0.0.3");
            small.recordFailure("201", "10.0.0.4");
            small.recordFailure("201", "10.0.0.2");

            assertThat(small.isLockedOut("201", "10.0.0.2")).isTrue();
        }
    }

    @Nested
    class WhenLockedOut {

        @Test
        void theLockoutLastsItsWholeDuration() {
            lockOut("201", OFFICE);
            clock.advance(Duration.ofMinutes(10).minusMillis(1));

            assertThat(limiter.isLockedOut("201", OFFICE)).isTrue();
        }

        @Test
        void theLockoutEndsAfterItsDuration() {
            lockOut("201", OFFICE);
            clock.advance(Duration.ofMinutes(10));

            assertThat(limiter.isLockedOut("201", OFFICE)).isFalse();
        }

        @Test
        void afterTheLockoutTheUserStartsCountingAgain() {
            lockOut("201", OFFICE);
            clock.advance(Duration.ofMinutes(10));

            assertThat(limiter.recordFailure("201", OFFICE)).isFalse();
            assertThat(limiter.isLockedOut("201", OFFICE)).isFalse();
        }
    }

    private void lockOut(String user, String address) {
        for (int i = 0; i < 3; i++) {
            limiter.recordFailure(user, address);
        }
        assertThat(limiter.isLockedOut(user, address)).isTrue();
    }
}
