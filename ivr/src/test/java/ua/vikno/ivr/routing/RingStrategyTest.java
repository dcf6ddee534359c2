package ua.vikno.ivr.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import ua.vikno.config.Department;
import ua.vikno.ivr.fake.FakePbx;
import ua.vikno.ivr.fake.FakeTime;

@DisplayName("Ring strategies of a department")
class RingStrategyTest {
    final FakeTime time = new FakeTime(Instant.parse("2026-11-23T08:00:00Z"));
    final FakePbx pbx = new FakePbx(time);
    final OperatorAvailability availability = new OperatorAvailability(pbx, time);
    static final List<String> MEMBERS = List.of("200", "201", "202");

    RingStrategy of(Department.RingStrategy kind) {
        return RingStrategy.of(kind, MEMBERS, availability);
    }

    @Nested
    @DisplayName("ring all")
    class RingAll {
        @Test
        void ringsEveryFreeMemberAtOnce() {
            assertThat(of(Department.RingStrategy.RING_ALL).plan(List.of("200", "202")))
                    .containsExactly(List.of("200", "202"));
        }

        @Test
        void hasNoAttemptWhenNobodyIsFree() {
            assertThat(of(Department.RingStrategy.RING_ALL).plan(List.of())).isEmpty();
        }
    }

    @Nested
    @DisplayName("round robin")
    class RoundRobin {
        @Test
        void startsAfterTheMemberRungLast() {
            RingStrategy rr = of(Department.RingStrategy.ROUND_ROBIN);
            assertThat(rr.plan(MEMBERS)).containsExactly(List.of("200"), List.of("201"), List.of("202"));
            rr.rang("200");
            assertThat(rr.plan(MEMBERS)).containsExactly(List.of("201"), List.of("202"), List.of("200"));
            rr.rang("202");
            assertThat(rr.plan(MEMBERS)).containsExactly(List.of("200"), List.of("201"), List.of("202"));
        }

        @Test
        void skipsMembersWhoAreNotFree() {
            RingStrategy rr = of(Department.RingStrategy.ROUND_ROBIN);
            rr.rang("200");
            assertThat(rr.plan(List.of("200", "202"))).containsExactly(List.of("202"), List.of("200"));
        }

        @Test
        void keepsItsPlacePerDepartment() {
            RingStrategy a = of(Department.RingStrategy.ROUND_ROBIN);
            RingStrategy b = of(Department.RingStrategy.ROUND_ROBIN);
            a.rang("200");
            assertThat(b.plan(MEMBERS).get(0)).containsExactly("200");
        }
    }

    @Nested
    @DisplayName("least recent")
    class LeastRecent {
        @Test
        void triesTheMemberWhoseLastCallEndedLongestAgoFirst() {
            pbx.onACall("201");
            pbx.onACall("200");
            time.advance(Duration.ofMinutes(1));
            pbx.free("201");
            time.advance(Duration.ofMinutes(1));
            pbx.free("200");
            assertThat(of(Department.RingStrategy.LEAST_RECENT).plan(MEMBERS))
                    .containsExactly(List.of("202"), List.of("201"), List.of("200"));   // 202 had no call yet
        }
    }
}
