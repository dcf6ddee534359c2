package ua.vikno.appeals;

import java.time.Instant;
import java.util.Optional;

/** Filters and a page of the appeals journal; empty filters match everything. Newest first. */
public record AppealQuery(Optional<String> phone, Optional<AppealStatus> status, Optional<String> category,
                          Optional<String> department, Optional<String> operator, Instant from, Instant to,
                          int offset, int limit) {
    public static final int MAX_LIMIT = 500;

    public AppealQuery {
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new AppealFailure.Invalid("offset must be >= 0 and limit 1.." + MAX_LIMIT);
        }
        if (to.isBefore(from)) {
            throw new AppealFailure.Invalid("the period ends before it starts");
        }
    }
}
