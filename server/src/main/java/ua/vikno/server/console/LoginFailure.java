package ua.vikno.server.console;

import java.time.Duration;

/** Why a console login was refused; each maps to one HTTP status in {@link LoginRoutes}. */
public abstract sealed class LoginFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LoginFailure(String message) {
        super(message, null, false, false);
    }

    /** Unknown login or wrong password, which are not told apart (401). */
    public static final class WrongCredentials extends LoginFailure {
        private static final long serialVersionUID = 1L;

        public WrongCredentials() {
            super("wrong login or password");
        }
    }

    /** Too many failures of this login from this address (429 until {@link #retryAfter()} has passed). */
    public static final class LockedOut extends LoginFailure {
        private static final long serialVersionUID = 1L;
        private final Duration retryAfter;

        public LockedOut(Duration retryAfter) {
            super("too many failed logins; try again in " + Math.max(1, retryAfter.toSeconds()) + " s");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The failed-login counts (in Redis) cannot be read or written: no login is checked meanwhile (503). */
    public static final class Unavailable extends LoginFailure {
        private static final long serialVersionUID = 1L;

        public Unavailable() {
            super("logins are unavailable for a moment (Redis): try again");
        }
    }

    /** Too many password checks running at once; bcrypt is CPU-bound by design (503, try again shortly). */
    public static final class Busy extends LoginFailure {
        private static final long serialVersionUID = 1L;

        public Busy(int inFlight) {
            super("the server is checking " + inFlight + " other logins; try again in a moment");
        }
    }
}
