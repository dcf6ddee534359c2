package ua.vikno.appeals;

import java.time.Instant;
import java.util.Optional;

/** One change of an appeal: who did what when, with a comment; the appeal's history is a list of these. */
public record HistoryEntry(Instant at, String actor, Action action, Optional<AppealStatus> from,
                           Optional<AppealStatus> to, String detail) {

    /** Kinds of change. */
    public enum Action { CREATED, STATUS, ASSIGNED, COMMENT, LINKED, REPEATED_CALL, SMS }
}
