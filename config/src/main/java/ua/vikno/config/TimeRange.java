package ua.vikno.config;

import java.time.LocalTime;

/** A half-open interval of wall-clock time within one day: {@code [start, end)}. */
public record TimeRange(LocalTime start, LocalTime end) {
    public TimeRange {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("start " + start + " is not before end " + end);
        }
    }

    public boolean contains(LocalTime t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
