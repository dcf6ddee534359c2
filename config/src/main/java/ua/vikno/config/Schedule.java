package ua.vikno.config;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Working hours in a time zone: weekly hours with breaks, public holidays (closed) and special days
 * (their own hours, or closed). Days absent from {@code week} are closed.
 */
public record Schedule(ZoneId timeZone, Map<DayOfWeek, Day> week, List<Holiday> holidays,
                       List<SpecialDay> specialDays) {

    /** One day's opening hours and the breaks within them. */
    public record Day(TimeRange hours, List<TimeRange> breaks) {
    }

    /** A public holiday: every year on {@code day}, or only in {@code year} when given. */
    public record Holiday(String name, MonthDay day, Optional<Integer> year) {
        public boolean fallsOn(LocalDate date) {
            return MonthDay.from(date).equals(day) && year.map(y -> y == date.getYear()).orElse(true);
        }
    }

    /** A date with its own hours (a shortened day) or closed when {@code hours} is empty. */
    public record SpecialDay(LocalDate date, String name, Optional<Day> hours) {
    }
}
