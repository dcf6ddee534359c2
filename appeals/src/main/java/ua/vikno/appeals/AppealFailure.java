package ua.vikno.appeals;

/** Why an appeal operation was refused; each maps to one HTTP status in the API. */
public abstract sealed class AppealFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AppealFailure(String message) {
        super(message, null, false, false);
    }

    /** No appeal has this number (404). */
    public static final class NotFound extends AppealFailure {
        private static final long serialVersionUID = 1L;

        public NotFound(String number) {
            super("no appeal " + number);
        }
    }

    /** The lifecycle does not allow this change (409). */
    public static final class IllegalTransition extends AppealFailure {
        private static final long serialVersionUID = 1L;

        public IllegalTransition(String number, AppealStatus from, AppealStatus to) {
            super("appeal " + number + " cannot go from " + from.key() + " to " + to.key()
                    + " (allowed: " + String.join(", ", from.next().stream().map(AppealStatus::key).toList()) + ")");
        }
    }

    /** Someone else changed the appeal at the same time; reload and retry (409). */
    public static final class Conflict extends AppealFailure {
        private static final long serialVersionUID = 1L;

        public Conflict(String number) {
            super("appeal " + number + " was changed by someone else; reload it");
        }
    }

    /** The request itself is wrong: a missing or malformed field (400). */
    public static final class Invalid extends AppealFailure {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message);
        }
    }
}
