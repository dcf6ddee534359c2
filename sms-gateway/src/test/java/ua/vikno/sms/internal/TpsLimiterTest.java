package ua.vikno.sms.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TpsLimiterTest {
    static final long MS = 1_000_000L;

    static final class FakeTicker implements ua.vikno.sms.Ticker {
        long now = 1_000 * MS;

        @Override
        public long nanos() {
            return now;
        }

        void advance(long millis) {
            now += millis * MS;
        }
    }

    final FakeTicker ticker = new FakeTicker();

    @Nested
    class AtTenPerSecond {
        final TpsLimiter limiter = new TpsLimiter(10, ticker);

        @Test
        void theFirstSubmitGoesAtOnce() {
            assertThat(limiter.reserve()).isZero();
        }

        @Test
        void submitsInTheSameInstantAreSpaced100msApart() {
            assertThat(new long[] {limiter.reserve(), limiter.reserve(), limiter.reserve()})
                    .containsExactly(0, 100 * MS, 200 * MS);
        }

        @Test
        void aSubmitAfterAQuietPeriodGoesAtOnce() {
            limiter.reserve();
            ticker.advance(500);
            assertThat(limiter.reserve()).isZero();
        }

        @Test
        void idleTimeIsNotSavedUpForABurst() {
            ticker.advance(10_000);
            assertThat(new long[] {limiter.reserve(), limiter.reserve()}).containsExactly(0, 100 * MS);
        }

        @Test
        void waitsOnlyTheRestOfTheSlot() {
            limiter.reserve();
            ticker.advance(30);
            assertThat(limiter.reserve()).isEqualTo(70 * MS);
        }
    }

    @Test
    void zeroMeansNoLimit() {
        TpsLimiter limiter = new TpsLimiter(0, ticker);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.reserve()).isZero();
        }
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));
        assertThat(new long[] {b.delay(1).toMillis(), b.delay(2).toMillis(), b.delay(3).toMillis(), b.delay(4).toMillis(),
                b.delay(40).toMillis()}).containsExactly(100, 200, 400, 500, 500);
    }
}
