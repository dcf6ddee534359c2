package ua.vikno.ivr.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether it is open at a moment, why, and when that changes next.
 *
 * @param at         the moment asked about
 * @param state      open or closed
 * @param source     which rule decided
 * @param name       the holiday's or special day's name, or the override's reason
 * @param prompt     the prompt a forced closure plays instead of the closed greeting (e.g. {@code outage})
 * @param nextChange when the state changes next; empty if it never does (a schedule with no hours at all)
 */
public record ScheduleStatus(Instant at, ZoneId zone, Openness state, Source source, Optional<String> name,
                             Optional<String> prompt, Optional<Instant> nextChange) {

    /** The rule that decided. */
    public enum Source {
        /** The weekly hours and their breaks. */
        WEEK,
        /** A public holiday. */
        HOLIDAY,
        /** A special day with its own hours or closed. */
        SPECIAL_DAY,
        /** A manual override from the console. */
        OVERRIDE
    }

    public boolean open() {
        return state == Openness.OPEN;
    }

    /**
     * A line for the console: {@code open until 17:00}, {@code closed until 13:00},
     * {@code closed until Monday 08:00}, {@code closed until 2027-01-02 08:00}.
     */
    public String describe() {
        String head = state.note();
        if (nextChange.isEmpty()) {
            return head;
        }
        ZonedDateTime here = at.atZone(zone);
        ZonedDateTime next = nextChange.get().atZone(zone);
        String time = next.toLocalTime().toString();
        LocalDate day = next.toLocalDate();
        if (day.equals(here.toLocalDate())) {
            return head + " until " + time;
        }
        if (day.isBefore(here.toLocalDate().plusDays(7))) {
            return head + " until " + next.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + time;
        }
        return head + " until " + day + " " + time;
    }
}
