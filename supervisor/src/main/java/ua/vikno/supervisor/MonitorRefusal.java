package ua.vikno.supervisor;

/** Why a monitoring session was not opened. */
public enum MonitorRefusal {
    /** The requesting line or user does not have the supervisor role. */
    NOT_A_SUPERVISOR,
    /** The target line has no call in progress. */
    NO_LIVE_CALL,
    /** A supervisor asked to monitor their own line. */
    OWN_LINE,
    /** The supervisor's phone could not be reached (console-started sessions). */
    SUPERVISOR_UNREACHABLE
}
