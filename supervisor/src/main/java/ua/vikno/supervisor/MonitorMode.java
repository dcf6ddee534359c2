package ua.vikno.supervisor;

import java.util.Optional;

/**
 * What a supervisor does on a live call. The feature codes follow common PBX practice (dial {@code *55} + line);
 * during a session the keys 4, 5 and 6 switch mode, as in Asterisk's ChanSpy.
 */
public enum MonitorMode {
    /** Hears both the resident and the operator; nobody hears the supervisor. */
    LISTEN("*55", '4'),
    /** Hears both; the operator hears the supervisor, the resident does not. */
    WHISPER("*56", '5'),
    /** All three talk. */
    BARGE("*57", '6');

    private final String featureCode;
    private final char switchKey;

    MonitorMode(String featureCode, char switchKey) {
        this.featureCode = featureCode;
        this.switchKey = switchKey;
    }

    public String featureCode() {
        return featureCode;
    }

    public char switchKey() {
        return switchKey;
    }

    public static Optional<MonitorMode> ofKey(char key) {
        for (MonitorMode m : values()) {
            if (m.switchKey == key) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
