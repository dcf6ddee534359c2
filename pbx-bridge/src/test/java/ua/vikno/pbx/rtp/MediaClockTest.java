package ua.vikno.pbx.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ua.vikno.pbx.rtp.internal.TickSchedule;

class MediaClockTest {
    static final long MS = 1_000_000;

    @Nested
    class TheSchedule {
        final TickSchedule schedule = new TickSchedule(20 * MS, 3, 1000 * MS);

        @ParameterizedTest(name = "woken {0} ms after the start: {1} due, {2} skipped, next at {3} ms")
        @CsvSource({
            "0,   0, 0, 20",
            "19,  0, 0, 20",
            "20,  1, 0, 40",
            "25,  1, 0, 40",
            "45,  2, 0, 60",
            "79,  3, 0, 80",
            "205, 3, 7, 220",
        })
        void dispatchesTheTicksThatPassedAndSkipsBeyondTheCatchUpLimit(long after, int due, long skipped, long next) {
            assertThat(schedule.due(1000 * MS + after * MS)).isEqualTo(due);
            assertThat(schedule.skipped()).isEqualTo(skipped);
            assertThat(schedule.nextDeadline()).isEqualTo(1000 * MS + next * MS);
        }

        @Test
        void aLateWakeUpDoesNotShiftLaterDeadlines() {
            schedule.due(1000 * MS + 33 * MS);
            assertThat(schedule.nextDeadline()).isEqualTo(1040 * MS);
            assertThat(schedule.due(1000 * MS + 40 * MS)).isEqualTo(1);
            assertThat(schedule.nextDeadline()).isEqualTo(1060 * MS);
        }
    }

    @Nested
    class ThePacingClock {
        @Test
        void ticksInOrderToEverySubscriberAndStopsForACancelledOne() throws InterruptedException {
            try (PacingMediaClock clock = new PacingMediaClock(Ticker.system()).start()) {
                List<Long> first = new CopyOnWriteArrayList<>();
                CountDownLatch fiveTicks = new CountDownLatch(5);
                MediaClock.Subscription subscription = clock.subscribe(first::add);
                clock.subscribe(tick -> fiveTicks.countDown());
                assertThat(fiveTicks.await(5, TimeUnit.SECONDS)).isTrue();
                subscription.cancel();
                int seen = first.size();
                CountDownLatch more = new CountDownLatch(3);
                clock.subscribe(tick -> more.countDown());
                assertThat(more.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(first).hasSize(seen).isSorted().doesNotHaveDuplicates();
                assertThat(clock.subscriberCount()).isEqualTo(2);
            }
        }

        @Test
        void aFailingSubscriberDoesNotStopTheOthers() throws InterruptedException {
            try (PacingMediaClock clock = new PacingMediaClock(Ticker.system()).start()) {
                CountDownLatch ticks = new CountDownLatch(3);
                clock.subscribe(tick -> {
                    throw new IllegalStateException("broken playback");
                });
                clock.subscribe(tick -> ticks.countDown());
                assertThat(ticks.await(5, TimeUnit.SECONDS)).isTrue();
            }
        }
    }
}
