package ua.vikno.config.internal;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ua.vikno.config.TimeRange;

/** Parsers for the scalar notations of the configuration file: durations, times, time ranges. */
public final class Scalars {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)|24:00");

    private Scalars() {
    }

    /** {@code 500ms}, {@code 20s}, {@code 5m}, {@code 1h}, {@code 365d}. */
    public static Optional<Duration> duration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    /** {@code HH:MM}, 24-hour clock; {@code 24:00} means the end of the day. */
    public static Optional<LocalTime> time(String text) {
        String t = text.trim();
        if (!TIME.matcher(t).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(t.equals("24:00") ? LocalTime.MAX : LocalTime.parse(t));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code HH:MM-HH:MM} with the start before the end. */
    public static Optional<TimeRange> timeRange(String text) {
        String[] parts = text.split("-", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        Optional<LocalTime> start = time(parts[0]);
        Optional<LocalTime> end = time(parts[1]);
        if (start.isEmpty() || end.isEmpty() || !start.get().isBefore(end.get())) {
            return Optional.empty();
        }
        return Optional.of(new TimeRange(start.get(), end.get()));
    }

    /** Levenshtein distance, for "did you mean" hints on misspelt keys. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
