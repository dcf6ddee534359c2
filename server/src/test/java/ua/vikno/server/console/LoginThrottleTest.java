package ua.vikno.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    static final String IP = "192.0.2.7";

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

    final FakeClock clock = new FakeClock();
    final LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofMinutes(10), Duration.ofMinutes(15));

    @Nested
    class BelowTheLimit {
        @Test
        void isNotLockedOut() {
            throttle.onFailure("koval", IP);
            throttle.onFailure("koval", IP);
            assertThat(throttle.lockedFor("koval", IP)).isEmpty();
        }

        @Test
        void failuresOlderThanTheWindowAreForgotten() {
            throttle.onFailure("koval", IP);
            throttle.onFailure("koval", IP);
            clock.advance(Duration.ofMinutes(11));
            assertThat(throttle.onFailure("koval", IP)).isEmpty();
        }

        @Test
        void aSuccessForgetsTheFailures() {
            throttle.onFailure("koval", IP);
            throttle.onFailure("koval", IP);
            throttle.onSuccess("koval", IP);
            assertThat(throttle.onFailure("koval", IP)).isEmpty();
        }
    }

    @Nested
    class AtTheLimit {
        @Test
        void theLastFailureStartsTheLockout() {
            throttle.onFailure("koval", IP);
            throttle.onFailure("koval", IP);
            assertThat(throttle.onFailure("koval", IP)).contains(Duration.ofMinutes(15));
            clock.advance(Duration.ofMinutes(5));
            assertThat(throttle.lockedFor("koval", IP)).contains(Duration.ofMinutes(10));
        }

        @Test
        void theLockoutEndsAfterItsPeriod() {
            for (int i = 0; i < 3; i++) {
                throttle.onFailure("koval", IP);
            }
            clock.advance(Duration.ofMinutes(15));
            assertThat(throttle.lockedFor("koval", IP)).isEmpty();
        }

        @Test
        void onlyThatLoginFromThatAddressIsLockedAndLoginCaseDoesNotMatter() {
            for (int i = 0; i < 3; i++) {
                throttle.onFailure("Koval", IP);
            }
            assertThat(throttle.lockedFor("koval", IP)).isPresent();
            assertThat(throttle.lockedFor("koval", "192.0.2.8")).isEmpty();
            assertThat(throttle.lockedFor("admin", IP)).isEmpty();
        }
    }
}
