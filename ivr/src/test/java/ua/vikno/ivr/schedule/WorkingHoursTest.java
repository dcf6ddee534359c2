package ua.vikno.ivr.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ua.vikno.config.Schedule;
import ua.vikno.config.TimeRange;
import ua.vikno.ivr.fake.SampleConfig;

@DisplayName("WorkingHours of the sample schedule (Europe/Kyiv: Mon-Fri 08-17 with lunch 12-13, Sat 09-13)")
class WorkingHoursTest {
    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    static final WorkingHours SAMPLE = new WorkingHours(SampleConfig.load().schedule());

    static Instant kyiv(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(KYIV).toInstant();
    }

    @Nested
    @DisplayName("on an ordinary week (23-29 November 2026)")
    class OrdinaryWeek {
        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({
                "2026-11-23T07:59:59, CLOSED",   // Monday, a second before opening
                "2026-11-23T08:00,    OPEN",     // opening time is included
                "2026-11-23T11:59,    OPEN",
                "2026-11-23T12:00,    CLOSED",   // lunch starts
                "2026-11-23T12:59,    CLOSED",
                "2026-11-23T13:00,    OPEN",     // lunch ends
                "2026-11-23T16:59,    OPEN",
                "2026-11-23T17:00,    CLOSED",   // closing time is excluded
                "2026-11-27T09:30,    OPEN",     // Friday
                "2026-11-28T08:30,    CLOSED",   // Saturday opens at 09:00
                "2026-11-28T09:00,    OPEN",
                "2026-11-28T12:00,    OPEN",     // no lunch break on Saturday
                "2026-11-28T12:59,    OPEN",
                "2026-11-28T13:00,    CLOSED",   // Saturday closes at 13:00
                "2026-11-29T10:00,    CLOSED",   // Sunday
        })
        void followsTheWeeklyHoursAndBreaks(String local, Openness expected) {
            assertThat(SAMPLE.status(kyiv(local)).state()).isEqualTo(expected);
        }

        @Test
        void decidesByTheWeek() {
            assertThat(SAMPLE.status(kyiv("2026-11-23T10:00")).source()).isEqualTo(ScheduleStatus.Source.WEEK);
        }
    }

    @Nested
    @DisplayName("on holidays and special days")
    class HolidaysAndSpecialDays {
        @ParameterizedTest(name = "{0} is {1} ({2})")
        @CsvSource({
                "2027-01-01T10:00, CLOSED, HOLIDAY",      // Friday, New Year every year
                "2026-08-24T10:00, CLOSED, HOLIDAY",      // Monday, Independence Day
                "2026-05-31T10:00, CLOSED, HOLIDAY",      // dated holiday (Trinity 2026)
                "2027-05-31T10:00, OPEN,   WEEK",         // the same date in 2027 is a working Monday
                "2026-12-31T14:59, OPEN,   SPECIAL_DAY",  // shortened day 08:00-15:00
                "2026-12-31T15:00, CLOSED, SPECIAL_DAY",
                "2026-12-31T12:30, OPEN,   SPECIAL_DAY",  // the special day has no lunch break
        })
        void holidaysCloseAndSpecialDaysHaveTheirOwnHours(String local, Openness state,
                                                          ScheduleStatus.Source source) {
            ScheduleStatus status = SAMPLE.status(kyiv(local));
            assertThat(status.state()).isEqualTo(state);
            assertThat(status.source()).isEqualTo(source);
        }

        @Test
        void aHolidayIsNamed() {
            assertThat(SAMPLE.status(kyiv("2026-08-24T10:00")).name()).contains("День Незалежності України");
        }

        @Test
        void aClosedSpecialDayClosesAWorkingDay() {
            Schedule closedDay = new Schedule(KYIV, SAMPLE_WEEK, List.of(), List.of(new Schedule.SpecialDay(
                    java.time.LocalDate.parse("2026-11-23"), "Дезінфекція", java.util.Optional.empty())));
            assertThat(new WorkingHours(closedDay).status(kyiv("2026-11-23T10:00")).state())
                    .isEqualTo(Openness.CLOSED);
        }
    }

    @Nested
    @DisplayName("on the daylight-saving change days")
    class DaylightSaving {
        /** Open every day 08:00-17:00, so the change Sundays themselves are working days. */
        final WorkingHours everyDay = new WorkingHours(new Schedule(KYIV, everyDay(), List.of(), List.of()));

        @ParameterizedTest(name = "{0}Z is {1}")
        @CsvSource({
                // Sunday 29 March 2026: at 03:00 EET the clock jumps to 04:00 EEST (UTC+3).
                "2026-03-29T04:59:59, CLOSED",
                "2026-03-29T05:00,    OPEN",       // 08:00 Kyiv summer time
                "2026-03-29T13:59,    OPEN",
                "2026-03-29T14:00,    CLOSED",     // 17:00 Kyiv
                "2026-03-28T05:59,    CLOSED",     // the day before, still UTC+2
                "2026-03-28T06:00,    OPEN",
                // Sunday 25 October 2026: at 04:00 EEST the clock goes back to 03:00 EET (UTC+2).
                "2026-10-25T05:59:59, CLOSED",
                "2026-10-25T06:00,    OPEN",       // 08:00 Kyiv winter time
                "2026-10-25T14:59,    OPEN",
                "2026-10-25T15:00,    CLOSED",
                "2026-10-24T05:00,    OPEN",       // the day before, still UTC+3
        })
        void wallClockHoursMoveWithTheClock(String utc, Openness expected) {
            assertThat(everyDay.status(Instant.parse(utc + (utc.length() == 16 ? ":00Z" : "Z"))).state())
                    .isEqualTo(expected);
        }

        @Test
        void theNightBeforeTheSpringChangeIsAnHourShorter() {
            ScheduleStatus status = everyDay.status(kyiv("2026-03-28T17:00"));
            assertThat(status.nextChange()).contains(Instant.parse("2026-03-29T05:00:00Z"));
        }

        @Test
        void theSampleOpensOnTheMondayAfterTheChangeAtEightSummerTime() {
            assertThat(SAMPLE.status(Instant.parse("2026-03-30T04:59:00Z")).state()).isEqualTo(Openness.CLOSED);
            assertThat(SAMPLE.status(Instant.parse("2026-03-30T05:00:00Z")).state()).isEqualTo(Openness.OPEN);
            assertThat(SAMPLE.status(Instant.parse("2026-10-26T05:59:00Z")).state()).isEqualTo(Openness.CLOSED);
            assertThat(SAMPLE.status(Instant.parse("2026-10-26T06:00:00Z")).state()).isEqualTo(Openness.OPEN);
        }
    }

    @Nested
    @DisplayName("telling the console when the state changes next")
    class NextChange {
        @ParameterizedTest(name = "at {0}: {1}")
        @CsvSource({
                "2026-11-23T10:00, open until 12:00",
                "2026-11-23T12:10, closed until 13:00",
                "2026-11-23T13:00, open until 17:00",
                "2026-11-23T07:00, closed until 08:00",
                "2026-11-27T17:30, closed until Saturday 09:00",
                "2026-11-28T13:00, closed until Monday 08:00",
                "2026-12-30T18:00, closed until Thursday 08:00",
                "2026-12-23T18:00, closed until Thursday 08:00",
                "2026-12-24T18:00, closed until Saturday 09:00",   // 25 December is a holiday
                "2026-12-31T15:00, closed until Saturday 09:00",   // 1 January is a holiday
        })
        void describesTheNextChange(String local, String expected) {
            assertThat(SAMPLE.status(kyiv(local)).describe()).isEqualTo(expected);
        }

        @Test
        void aScheduleWithoutHoursNeverOpens() {
            WorkingHours never = new WorkingHours(new Schedule(KYIV, Map.of(), List.of(), List.of()));
            ScheduleStatus status = never.status(kyiv("2026-11-23T10:00"));
            assertThat(status.nextChange()).isEmpty();
            assertThat(status.describe()).isEqualTo("closed");
        }
    }

    static final Map<DayOfWeek, Schedule.Day> SAMPLE_WEEK = SampleConfig.load().schedule().week();

    static Map<DayOfWeek, Schedule.Day> everyDay() {
        Map<DayOfWeek, Schedule.Day> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            week.put(d, new Schedule.Day(new TimeRange(LocalTime.of(8, 0), LocalTime.of(17, 0)), List.of()));
        }
        return week;
    }
}
