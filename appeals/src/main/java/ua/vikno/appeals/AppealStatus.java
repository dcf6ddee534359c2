package ua.vikno.appeals;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where an appeal is in its lifecycle. The allowed transitions are the only ones {@link #canMoveTo} accepts:
 * registered -> assigned -> in progress -> resolved or rejected; a closed appeal can be reopened, and a
 * reopened one goes round again.
 */
public enum AppealStatus {
    /** Created from a call; nobody has taken it yet. */
    REGISTERED,
    /** Given to an operator or a department. */
    ASSIGNED,
    /** Someone is working on it. */
    IN_PROGRESS,
    /** Done; the resident is told. */
    RESOLVED,
    /** Will not be done (not ours, duplicate, ...); the resident is told why. */
    REJECTED,
    /** Was closed, opened again (the problem came back). */
    REOPENED;

    public Set<AppealStatus> next() {
        return switch (this) {
            case REGISTERED, REOPENED -> EnumSet.of(ASSIGNED, IN_PROGRESS, RESOLVED, REJECTED);
            case ASSIGNED -> EnumSet.of(IN_PROGRESS, RESOLVED, REJECTED);
            case IN_PROGRESS -> EnumSet.of(RESOLVED, REJECTED);
            case RESOLVED, REJECTED -> EnumSet.of(REOPENED);
        };
    }

    public boolean canMoveTo(AppealStatus to) {
        return next().contains(to);
    }

    public boolean isOpen() {
        return this != RESOLVED && this != REJECTED;
    }

    /** The external spelling: {@code in-progress}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static AppealStatus fromKey(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
