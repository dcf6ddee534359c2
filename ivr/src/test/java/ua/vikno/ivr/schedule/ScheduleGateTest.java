package ua.vikno.ivr.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.vikno.ivr.schedule.WorkingHoursTest.kyiv;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import ua.vikno.ivr.fake.FakeTime;
import ua.vikno.ivr.fake.SampleConfig;

@DisplayName("ScheduleGate: working hours with a manual override")
class ScheduleGateTest {
    final FakeTime time = new FakeTime(kyiv("2026-11-23T10:00"));   // Monday, open
    final InMemoryOverrideStore store = new InMemoryOverrideStore();
    final ScheduleGate gate = new ScheduleGate(new WorkingHours(SampleConfig.load().schedule()), store, time);

    ScheduleStatus now() {
        return gate.now().result();
    }

    @Test
    void withoutAnOverrideItFollowsTheSchedule() {
        assertThat(now().state()).isEqualTo(Openness.OPEN);
        time.advance(Duration.ofHours(2));   // 12:00, lunch
        assertThat(now().state()).isEqualTo(Openness.CLOSED);
        assertThat(now().source()).isEqualTo(ScheduleStatus.Source.WEEK);
    }

    @Nested
    @DisplayName("forced closed for an outage until 15:00")
    class ForcedClosed {
        ForcedClosed() {
            store.set(ScheduleOverride.forceClosed("outage", kyiv("2026-11-23T15:00"), "аварія на водогоні"));
        }

        @Test
        void closesInWorkingHoursWithTheSpecialPrompt() {
            ScheduleStatus status = now();
            assertThat(status.state()).isEqualTo(Openness.CLOSED);
            assertThat(status.source()).isEqualTo(ScheduleStatus.Source.OVERRIDE);
            assertThat(status.prompt()).contains("outage");
            assertThat(status.name()).contains("аварія на водогоні");
            assertThat(status.describe()).isEqualTo("closed until 15:00");
        }

        @Test
        void stillAppliesASecondBeforeExpiry() {
            time.advance(Duration.ofHours(5).minusSeconds(1));
            assertThat(now().source()).isEqualTo(ScheduleStatus.Source.OVERRIDE);
        }

        @Test
        void expiresAndTheScheduleTakesOver() {
            time.advance(Duration.ofHours(5));
            assertThat(now().state()).isEqualTo(Openness.OPEN);
            assertThat(now().source()).isEqualTo(ScheduleStatus.Source.WEEK);
            assertThat(now().prompt()).isEmpty();
        }

        @Test
        void clearingItRestoresTheSchedule() {
            store.clear();
            assertThat(now().state()).isEqualTo(Openness.OPEN);
        }
    }

    @Nested
    @DisplayName("forced open on a Sunday")
    class ForcedOpen {
        @Test
        void opensOutOfHoursUntilExpiry() {
            FakeTime sunday = new FakeTime(kyiv("2026-11-29T10:00"));
            ScheduleGate g = new ScheduleGate(new WorkingHours(SampleConfig.load().schedule()), store, sunday);
            store.set(ScheduleOverride.forceOpen(kyiv("2026-11-29T14:00"), "чергування"));
            assertThat(g.now().result().state()).isEqualTo(Openness.OPEN);
            sunday.advance(Duration.ofHours(4));
            assertThat(g.now().result().state()).isEqualTo(Openness.CLOSED);
        }
    }
}
