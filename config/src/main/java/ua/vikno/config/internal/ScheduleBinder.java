package ua.vikno.config.internal;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import ua.vikno.config.Schedule;
import ua.vikno.config.TimeRange;

/** Binds {@code schedule}: time zone, weekly hours with breaks, holidays and special days. */
final class ScheduleBinder {
    private static final String RANGE = "HH:MM-HH:MM, for example 08:00-17:00";
    private static final List<String> DAY_KEYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private ScheduleBinder() {
    }

    static Schedule bind(Node n) {
        ZoneId zone = n.parsed("time-zone", ScheduleBinder::zone, "a time-zone id such as Europe/Kyiv")
                .orElse(ZoneId.of("Europe/Kyiv"));
        Map<DayOfWeek, Schedule.Day> week = new EnumMap<>(DayOfWeek.class);
        Map<DayOfWeek, String> definedAt = new EnumMap<>(DayOfWeek.class);
        n.named("week").forEach((key, dayNode) -> {
            Optional<List<DayOfWeek>> days = days(key);
            if (days.isEmpty()) {
                n.problems().add(n.path("week." + key), "unknown day '" + key
                        + "' (expected mon..sun or a range such as mon-fri)");
                dayNode.string("hours");
                dayNode.strings("breaks");
                return;
            }
            Optional<Schedule.Day> day = day(dayNode);
            for (DayOfWeek d : days.get()) {
                if (definedAt.containsKey(d)) {
                    n.problems().add(dayNode.path(), d.toString().toLowerCase(Locale.ROOT)
                            + " is already defined by week." + definedAt.get(d));
                }
                definedAt.put(d, key);
                day.ifPresent(v -> week.put(d, v));
            }
            dayNode.rejectUnknownKeys();
        });
        List<Schedule.Holiday> holidays = new ArrayList<>();
        for (Node.Element e : n.list("holidays")) {
            e.node(n.context()).ifPresent(h -> {
                String name = h.required("name");
                h.string("date").ifPresentOrElse(date -> holiday(h, name, date).ifPresent(holidays::add),
                        () -> h.error("date", "is required"));
                h.rejectUnknownKeys();
            });
        }
        List<Schedule.SpecialDay> special = new ArrayList<>();
        for (Node.Element e : n.list("special-days")) {
            e.node(n.context()).ifPresent(s -> {
                String name = s.required("name");
                Optional<LocalDate> date = s.parsed("date", ScheduleBinder::date, "a date YYYY-MM-DD");
                if (!s.has("date")) {
                    s.error("date", "is required");
                }
                boolean closed = s.bool("closed", false);
                Optional<Schedule.Day> hours = Optional.empty();
                if (s.has("hours")) {
                    if (closed) {
                        s.error("closed", "a special day cannot be closed and have hours");
                    }
                    hours = day(s);
                } else if (!closed) {
                    s.error("hours", "is required unless the day is closed (closed: true)");
                }
                Optional<Schedule.Day> h = hours;
                date.ifPresent(d -> special.add(new Schedule.SpecialDay(d, name, h)));
                s.rejectUnknownKeys();
            });
        }
        n.rejectUnknownKeys();
        return new Schedule(zone, Map.copyOf(week), List.copyOf(holidays), List.copyOf(special));
    }

    private static Optional<Schedule.Day> day(Node n) {
        Optional<TimeRange> hours = n.parsed("hours", Scalars::timeRange, RANGE);
        if (!n.has("hours")) {
            n.error("hours", "is required");
        }
        List<TimeRange> breaks = new ArrayList<>();
        for (Node.Element e : n.list("breaks")) {
            e.string(n.context()).ifPresent(text -> {
                Optional<TimeRange> range = Scalars.timeRange(text);
                if (range.isEmpty()) {
                    n.problems().add(e.path(), "bad value '" + text + "' (expected " + RANGE + ")");
                } else if (hours.isPresent() && (range.get().start().isBefore(hours.get().start())
                        || range.get().end().isAfter(hours.get().end()))) {
                    n.problems().add(e.path(), "break " + text + " lies outside the hours " + hours.get());
                } else if (breaks.stream().anyMatch(b -> b.start().isBefore(range.get().end())
                        && range.get().start().isBefore(b.end()))) {
                    n.problems().add(e.path(), "break " + text + " overlaps another break");
                } else {
                    breaks.add(range.get());
                }
            });
        }
        return hours.map(h -> new Schedule.Day(h, List.copyOf(breaks)));
    }

    private static Optional<List<DayOfWeek>> days(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        String[] parts = k.split("-", -1);
        if (parts.length == 1) {
            return dayOf(parts[0]).map(List::of);
        }
        if (parts.length != 2) {
            return Optional.empty();
        }
        Optional<DayOfWeek> from = dayOf(parts[0]);
        Optional<DayOfWeek> to = dayOf(parts[1]);
        if (from.isEmpty() || to.isEmpty() || from.get().compareTo(to.get()) > 0) {
            return Optional.empty();
        }
        List<DayOfWeek> out = new ArrayList<>();
        for (int d = from.get().getValue(); d <= to.get().getValue(); d++) {
            out.add(DayOfWeek.of(d));
        }
        return Optional.of(out);
    }

    private static Optional<DayOfWeek> dayOf(String text) {
        String t = text.length() > 3 ? text.substring(0, 3) : text;
        int i = DAY_KEYS.indexOf(t);
        if (i < 0 || text.length() > 3 && !DayOfWeek.of(i + 1).name().toLowerCase(Locale.ROOT).equals(text)) {
            return Optional.empty();
        }
        return Optional.of(DayOfWeek.of(i + 1));
    }

    private static Optional<Schedule.Holiday> holiday(Node h, String name, String date) {
        String t = date.trim();
        try {
            if (t.length() == 5) {
                return Optional.of(new Schedule.Holiday(name, MonthDay.parse("--" + t), Optional.empty()));
            }
            LocalDate d = LocalDate.parse(t);
            return Optional.of(new Schedule.Holiday(name, MonthDay.from(d), Optional.of(d.getYear())));
        } catch (DateTimeParseException e) {
            h.error("date", "bad value '" + t + "' (expected MM-DD for every year or YYYY-MM-DD for one year)");
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<ZoneId> zone(String text) {
        try {
            return Optional.of(ZoneId.of(text.trim()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
