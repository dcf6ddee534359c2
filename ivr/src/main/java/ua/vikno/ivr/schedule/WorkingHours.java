package ua.vikno.ivr.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ua.vikno.config.Schedule;
import ua.vikno.config.TimeRange;

/**
 * The weekly calendar of a {@link Schedule}: whether it is open at an instant, and when that changes next.
 * Wall-clock hours are read in the schedule's zone, so daylight-saving changes move them with the clock.
 * Precedence: a special day, then a holiday, then the week.
 */
public final class WorkingHours {
    /** How far ahead {@link #status} looks for the next opening (a year and a bit covers every yearly rule). */
    private static final int HORIZON_DAYS = 400;

    private final Schedule schedule;

    public WorkingHours(Schedule schedule) {
        this.schedule = schedule;
    }

    public boolean isOpen(Instant at) {
        return status(at).open();
    }

    /** Open or closed at {@code at}, the rule that decided, and the next change. */
    public ScheduleStatus status(Instant at) {
        ZonedDateTime local = at.atZone(schedule.timeZone());
        LocalDate date = local.toLocalDate();
        DayRule today = rule(date);
        boolean open = today.open().stream().anyMatch(r -> r.contains(local.toLocalTime()));
        Openness state = open ? Openness.OPEN : Openness.CLOSED;
        return new ScheduleStatus(at, schedule.timeZone(), state, today.source(), today.name(), Optional.empty(),
                nextChange(at, state));
    }

    /** The first instant after {@code at} at which the state differs from {@code state}. */
    private Optional<Instant> nextChange(Instant at, Openness state) {
        LocalDate date = at.atZone(schedule.timeZone()).toLocalDate();
        for (int d = 0; d < HORIZON_DAYS; d++) {
            LocalDate day = date.plusDays(d);
            for (TimeRange range : rule(day).open()) {
                Instant start = instant(day, range.start());
                Instant end = instant(day, range.end());
                Instant candidate = state == Openness.OPEN ? end : start;
                if (candidate.isAfter(at) && (state == Openness.CLOSED || !start.isAfter(at))) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private Instant instant(LocalDate day, LocalTime time) {
        // A wall-clock time inside a DST gap moves forward by the gap, as ZonedDateTime.of documents.
        return ZonedDateTime.of(day, time, schedule.timeZone()).toInstant();
    }

    /** The open intervals of one date and the rule that gave them. */
    DayRule rule(LocalDate date) {
        for (Schedule.SpecialDay special : schedule.specialDays()) {
            if (special.date().equals(date)) {
                return new DayRule(special.hours().map(WorkingHours::openRanges).orElse(List.of()),
                        ScheduleStatus.Source.SPECIAL_DAY, Optional.of(special.name()));
            }
        }
        for (Schedule.Holiday holiday : schedule.holidays()) {
            if (holiday.fallsOn(date)) {
                return new DayRule(List.of(), ScheduleStatus.Source.HOLIDAY, Optional.of(holiday.name()));
            }
        }
        Schedule.Day day = schedule.week().get(date.getDayOfWeek());
        return new DayRule(day == null ? List.of() : openRanges(day), ScheduleStatus.Source.WEEK, Optional.empty());
    }

    /** The day's hours with its breaks cut out, in order. */
    static List<TimeRange> openRanges(Schedule.Day day) {
        List<TimeRange> breaks = new ArrayList<>(day.breaks());
        breaks.sort((a, b) -> a.start().compareTo(b.start()));
        List<TimeRange> open = new ArrayList<>();
        LocalTime from = day.hours().start();
        for (TimeRange b : breaks) {
            if (from.isBefore(b.start())) {
                open.add(new TimeRange(from, b.start()));
            }
            if (b.end().isAfter(from)) {
                from = b.end();
            }
        }
        if (from.isBefore(day.hours().end())) {
            open.add(new TimeRange(from, day.hours().end()));
        }
        return List.copyOf(open);
    }

    /** One date's open intervals and where they came from. */
    record DayRule(List<TimeRange> open, ScheduleStatus.Source source, Optional<String> name) {
    }
}
