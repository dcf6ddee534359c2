package ua.vikno.appeals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class CallStatisticsTest {
    static final Instant T = Instant.parse("2026-11-26T09:00:00Z");

    @Test
    void countsOfferedAnsweredAndMissedPerDepartmentAndOperator() {
        List<CompletedCall> calls = List.of(
                Calls.answered("+380671111111", T, "water", "210", List.of("Водопостачання"), Duration.ofSeconds(10), Duration.ofSeconds(60)),
                Calls.answered("+380672222222", T, "water", "211", List.of("Водопостачання"), Duration.ofSeconds(40), Duration.ofSeconds(120)),
                Calls.missed("+380673333333", T, "water", Duration.ofSeconds(90)),
                Calls.answered("+380674444444", T, "electricity", "220", List.of("Електропостачання"), Duration.ofSeconds(0), Duration.ofSeconds(30)));

        CallStatistics s = CallStatistics.of(calls, Duration.ofSeconds(20));

        assertThat(s.total()).isEqualTo(new CallStatistics.Row("total", 4, 3, 1, 35.0, 70.0, 0.5));
        assertThat(s.byDepartment()).extracting(CallStatistics.Row::key).containsExactly("electricity", "water");
        CallStatistics.Row water = s.byDepartment().get(1);
        assertThat(water.offered()).isEqualTo(3);
        assertThat(water.answered()).isEqualTo(2);
        assertThat(water.missed()).isEqualTo(1);
        assertThat(water.averageWaitSeconds()).isEqualTo(46.67);
        assertThat(water.averageTalkSeconds()).isEqualTo(90.0);
        assertThat(water.answeredWithinShare()).isEqualTo(0.33);
        assertThat(s.byOperator()).extracting(CallStatistics.Row::key).containsExactly("210", "211", "220");
    }

    @Test
    void anEmptyPeriodHasZeroesNotDivisionErrors() {
        CallStatistics s = CallStatistics.of(List.of(), Duration.ofSeconds(20));
        assertThat(s.total()).isEqualTo(new CallStatistics.Row("total", 0, 0, 0, 0, 0, 0));
        assertThat(s.byDepartment()).isEmpty();
    }
}
