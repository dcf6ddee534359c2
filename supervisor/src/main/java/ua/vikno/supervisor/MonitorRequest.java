package ua.vikno.supervisor;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A supervisor's request to monitor a line: {@code *55201} is LISTEN on line 201. */
public record MonitorRequest(MonitorMode mode, String line) {
    private static final Pattern CODE = Pattern.compile("\\*(5[567])([0-9]{2,6})");

    /** Parses a dialled feature code; empty when {@code dialled} is not one. */
    public static Optional<MonitorRequest> parse(String dialled) {
        Matcher m = CODE.matcher(dialled);
        if (!m.matches()) {
            return Optional.empty();
        }
        String code = "*" + m.group(1);
        for (MonitorMode mode : MonitorMode.values()) {
            if (mode.featureCode().equals(code)) {
                return Optional.of(new MonitorRequest(mode, m.group(2)));
            }
        }
        return Optional.empty();
    }
}
