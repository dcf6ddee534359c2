package ua.vikno.server.internal;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import ua.vikno.config.Schedule;
import ua.vikno.config.TimeRange;

/**
 * The weekly hours, holidays and special days as the console edits them: JSON to and from the configuration's
 * {@link Schedule} (the time zone stays the configuration's). Days are {@code mon..sun}; hours
 * {@code "08:00-17:00"}; a holiday's date is {@code MM-DD} (every year) or {@code YYYY-MM-DD}. A wrong value is
 * reported by its path, as the configuration file's errors are: {@code week.mon.breaks.0: 13:00-12:00 ...}.
 */
final class SchedulePlan {
    private static final Pattern RANGE = Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");
    private static final Pattern YEARLY = Pattern.compile("\\d{2}-\\d{2}");
    static final int MAX_ENTRIES = 100;

    private SchedulePlan() {
    }

    /** A plan that cannot be applied, with every problem named by its path. */
    static final class Invalid extends Exception {
        final List<String> errors;

        Invalid(List<String> errors) {
            super(String.join("; ", errors));
            this.errors = List.copyOf(errors);
        }
    }

    static JsonObject toJson(Schedule s) {
        JsonObject week = new JsonObject();
        for (DayOfWeek d : DayOfWeek.values()) {
            Schedule.Day day = s.week().get(d);
            if (day != null) {
                week.put(key(d), day(day));
            }
        }
        JsonArray holidays = new JsonArray();
        s.holidays().forEach(h -> holidays.add(new JsonObject().put("name", h.name())
                .put("date", h.year().map(y -> LocalDate.of(y, h.day().getMonth(), h.day().getDayOfMonth()).toString())
                        .orElse(String.format(Locale.ROOT, "%02d-%02d", h.day().getMonthValue(), h.day().getDayOfMonth())))));
        JsonArray special = new JsonArray();
        s.specialDays().forEach(d -> {
            JsonObject j = new JsonObject().put("date", d.date().toString()).put("name", d.name());
            d.hours().ifPresent(h -> j.mergeIn(day(h)));
            special.add(j);
        });
        return new JsonObject().put("timeZone", s.timeZone().getId()).put("week", week).put("holidays", holidays)
                .put("specialDays", special);
    }

    private static JsonObject day(Schedule.Day day) {
        JsonArray breaks = new JsonArray();
        day.breaks().forEach(b -> breaks.add(b.toString()));
        return new JsonObject().put("hours", day.hours().toString()).put("breaks", breaks);
    }

    private static String key(DayOfWeek d) {
        return d.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    /** The plan in {@code json}, in the zone of {@code base}; throws with every error found. */
    static Schedule fromJson(JsonObject json, Schedule base) throws Invalid {
        List<String> errors = new ArrayList<>();
        Map<DayOfWeek, Schedule.Day> week = new EnumMap<>(DayOfWeek.class);
        JsonObject w = object(json, "week", errors);
        if (w != null) {
            for (String name : w.fieldNames()) {
                Optional<DayOfWeek> d = dayOf(name);
                if (d.isEmpty()) {
                    errors.add("week." + name + ": not a day (mon, tue, wed, thu, fri, sat, sun)");
                    continue;
                }
                JsonObject day = w.getValue(name) instanceof JsonObject o ? o : null;
                if (day == null) {
                    errors.add("week." + name + ": must be an object {hours, breaks}");
                    continue;
                }
                day(day, "week." + name, errors).ifPresent(x -> week.put(d.get(), x));
            }
        }
        List<Schedule.Holiday> holidays = new ArrayList<>();
        JsonArray hs = array(json, "holidays", errors);
        for (int i = 0; hs != null && i < hs.size(); i++) {
            String path = "holidays." + i;
            JsonObject h = hs.getValue(i) instanceof JsonObject o ? o : new JsonObject();
            String name = h.getString("name", "").trim();
            String date = String.valueOf(h.getValue("date", "")).trim();
            if (name.isEmpty()) {
                errors.add(path + ".name: a holiday needs a name");
            }
            try {
                if (YEARLY.matcher(date).matches()) {
                    holidays.add(new Schedule.Holiday(name, MonthDay.parse("--" + date), Optional.empty()));
                } else {
                    LocalDate once = LocalDate.parse(date);
                    holidays.add(new Schedule.Holiday(name, MonthDay.from(once), Optional.of(once.getYear())));
                }
            } catch (DateTimeException e) {
                errors.add(path + ".date: '" + date + "' is not MM-DD or YYYY-MM-DD");
            }
        }
        List<Schedule.SpecialDay> special = new ArrayList<>();
        JsonArray ss = array(json, "specialDays", errors);
        for (int i = 0; ss != null && i < ss.size(); i++) {
            String path = "specialDays." + i;
            JsonObject d = ss.getValue(i) instanceof JsonObject o ? o : new JsonObject();
            String date = String.valueOf(d.getValue("date", "")).trim();
            try {
                LocalDate on = LocalDate.parse(date);
                Optional<Schedule.Day> hours = d.getValue("hours") == null || d.getString("hours", "").isBlank()
                        ? Optional.empty() : day(d, path, errors);
                special.add(new Schedule.SpecialDay(on, d.getString("name", "").trim(), hours));
            } catch (DateTimeParseException e) {
                errors.add(path + ".date: '" + date + "' is not YYYY-MM-DD");
            }
        }
        if (holidays.size() > MAX_ENTRIES || special.size() > MAX_ENTRIES) {
            errors.add("holidays: at most " + MAX_ENTRIES + " holidays and " + MAX_ENTRIES + " special days");
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new Schedule(base.timeZone(), week, holidays, special);
    }

    private static Optional<Schedule.Day> day(JsonObject day, String path, List<String> errors) {
        Optional<TimeRange> hours = range(String.valueOf(day.getValue("hours", "")), path + ".hours", errors);
        List<TimeRange> breaks = new ArrayList<>();
        JsonArray bs = day.getValue("breaks") instanceof JsonArray a ? a : new JsonArray();
        for (int i = 0; i < bs.size(); i++) {
            String bp = path + ".breaks." + i;
            range(String.valueOf(bs.getValue(i)), bp, errors).ifPresent(b -> {
                if (hours.isPresent() && (b.start().isBefore(hours.get().start()) || b.end().isAfter(hours.get().end()))) {
                    errors.add(bp + ": " + b + " is not within the hours " + hours.get());
                } else {
                    breaks.add(b);
                }
            });
        }
        return hours.map(h -> new Schedule.Day(h, breaks));
    }

    private static Optional<TimeRange> range(String text, String path, List<String> errors) {
        Matcher m = RANGE.matcher(text.trim());
        if (!m.matches()) {
            errors.add(path + ": '" + text + "' is not HH:MM-HH:MM");
            return Optional.empty();
        }
        try {
            return Optional.of(new TimeRange(time(m.group(1)), time(m.group(2))));
        } catch (DateTimeParseException e) {
            errors.add(path + ": '" + text + "' is not a time of day");
        } catch (IllegalArgumentException e) {
            errors.add(path + ": " + text + " ends before it starts");
        }
        return Optional.empty();
    }

    private static LocalTime time(String hhmm) {
        return LocalTime.parse(hhmm.length() == 4 ? "0" + hhmm : hhmm);
    }

    private static Optional<DayOfWeek> dayOf(String name) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (key(d).equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static JsonObject object(JsonObject json, String field, List<String> errors) {
        Object v = json.getValue(field);
        if (v == null || v instanceof JsonObject) {
            return (JsonObject) v;
        }
        errors.add(field + ": must be an object");
        return null;
    }

    private static JsonArray array(JsonObject json, String field, List<String> errors) {
        Object v = json.getValue(field);
        if (v == null || v instanceof JsonArray) {
            return (JsonArray) v;
        }
        errors.add(field + ": must be a list");
        return null;
    }
}
