package ua.vikno.supervisor;

/** The result of asking to monitor: a running session, or a refusal with its reason. */
public sealed interface MonitorOutcome {

    /** The session runs. */
    record Started(MonitorSession session) implements MonitorOutcome {
    }

    /** No session; the reason says why. */
    record Refused(MonitorRefusal reason) implements MonitorOutcome {
    }
}
