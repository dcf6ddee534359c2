package ua.vikno.pbx.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ua.vikno.pbx.rtp.internal.TickSchedule;
import ua.vikno.pbx.rtp.internal.TickSlots;

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
        void resumingAfterAnIdleSpellSkipsNothingAndWaitsForTheNextDeadline() {
            schedule.resume(1000 * MS + 205 * MS);
            assertThat(schedule.skipped()).isZero();
            assertThat(schedule.nextDeadline()).isEqualTo(1000 * MS + 220 * MS);
            assertThat(schedule.due(1000 * MS + 219 * MS)).isZero();
            assertThat(schedule.due(1000 * MS + 220 * MS)).isEqualTo(1);
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
    class TheSlots {
        final TickSlots<String> slots = new TickSlots<>(MediaClock.SLOTS);

        @ParameterizedTest(name = "phase {0} is slot {1}")
        @CsvSource({"0, 0", "7, 7", "20, 0", "4294967295, 15", "-1, 19"})
        void aPhasedSubscriberGoesToItsPhaseModuloTheSlotCount(long phase, int slot) {
            slots.add("stream", phase);
            assertThat(slots.at(slot)).containsExactly("stream");
        }

        @Test
        void unphasedSubscribersAreDealtRoundTheSlotsEvenly() {
            for (int i = 0; i < 3 * MediaClock.SLOTS; i++) {
                slots.deal("tap-" + i);
            }
            for (int slot = 0; slot < MediaClock.SLOTS; slot++) {
                assertThat(slots.at(slot)).hasSize(3);
            }
            assertThat(slots.size()).isEqualTo(60);
        }

        @Test
        void removingTwiceRemovesOnce() {
            slots.add("stream", 3);
            Runnable remove = slots.add("stream", 3).remove();
            remove.run();
            remove.run();
            assertThat(slots.at(3)).containsExactly("stream");
            assertThat(slots.size()).isEqualTo(1);
        }

        @Test
        void theFirstSubscriberAfterNoneIsReportedSoThatAnIdleClockWakes() {
            TickSlots.Added first = slots.add("stream", 3);
            TickSlots.Added second = slots.deal("tap");
            first.remove().run();
            second.remove().run();
            TickSlots.Added again = slots.deal("tap");

            assertThat(first.first()).isTrue();
            assertThat(second.first()).isFalse();
            assertThat(again.first()).as("first again after all were removed").isTrue();
        }

        @Test
        void ofConcurrentFirstSubscribersExactlyOneIsReportedFirst() throws InterruptedException {
            for (int round = 0; round < 200; round++) {
                TickSlots<String> fresh = new TickSlots<>(MediaClock.SLOTS);
                CountDownLatch go = new CountDownLatch(1);
                List<TickSlots.Added> added = new CopyOnWriteArrayList<>();
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Thread t = new Thread(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        added.add(fresh.deal("stream"));
                    });
                    t.start();
                    threads.add(t);
                }
                go.countDown();
                for (Thread t : threads) {
                    t.join();
                }
                assertThat(added).filteredOn(TickSlots.Added::first).hasSize(1);
            }
        }
    }

    @Nested
    class ThePacingClock {
        @Test
        void eachSubscriberIsCalledOnceATickAlwaysInItsOwnSlot() throws InterruptedException {
            try (PacingMediaClock clock = new PacingMediaClock(Ticker.system()).start()) {
                List<String> calls = new CopyOnWriteArrayList<>();
                CountDownLatch tenTicks = new CountDownLatch(10);
                clock.subscribe(tick -> calls.add("late " + tick), 13);
                clock.subscribe(tick -> calls.add("early " + tick), 3 + 20L * 1_000_003);
                clock.subscribe(tick -> tenTicks.countDown(), 19);
                assertThat(tenTicks.await(5, TimeUnit.SECONDS)).isTrue();
                List<String> seen = List.copyOf(calls);
                // slot 3 runs 10 ms before slot 13 of the same tick, whatever order they subscribed in
                int start = seen.get(0).startsWith("early") ? 0 : 1;
                long first = Long.parseLong(seen.get(start).split(" ")[1]);
                for (int i = start; i + 1 < seen.size() && clock.skippedSlots() == 0; i += 2) {
                    long tick = first + (i - start) / 2;
                    assertThat(seen.subList(i, i + 2)).containsExactly("early " + tick, "late " + tick);
                }
            }
        }

        @Test
        void anIdleClockSleepsWithoutSkippingAndWakesForANewSubscriber() throws InterruptedException {
            try (PacingMediaClock clock = new PacingMediaClock(Ticker.system()).start()) {
                Thread.sleep(300);
                CountDownLatch ticks = new CountDownLatch(3);
                clock.subscribe(tick -> ticks.countDown(), 5);
                assertThat(ticks.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(clock.skippedSlots()).isZero();
            }
        }

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
