package ua.vikno.server.console;

/** Event-bus addresses of the console (local to a node). */
public final class ConsoleAddresses {
    /** {@link AppealEvent}: an appeal was created or changed. */
    public static final String APPEAL_EVENTS = "vikno.console.appeal-events";
    /** Appeal changes may have been missed (the feed from Redis was cut): consoles reread their appeals. */
    public static final String APPEALS_RESYNC = "vikno.console.appeals-resync";
    /**
     * {@link IncomingCall}: a call rings an internal line; the console of the user on that line pops up the
     * caller's earlier appeals. The call engine publishes it when an operator's leg rings; {@link IncomingCallRelay}
     * passes it on to every node.
     */
    public static final String INCOMING_CALLS = "vikno.console.incoming-calls";
    /**
     * {@link IncomingCall}: a call rings an internal line through this node or another node of the same Redis
     * database, once each; what the consoles' event streams show. Published by {@link IncomingCallRelay}.
     */
    public static final String INCOMING_CALLS_EVERYWHERE = "vikno.console.incoming-calls-everywhere";
    /** A session id (String): the session logged out, its live streams end. */
    public static final String SESSION_ENDED = "vikno.console.session-ended";

    private ConsoleAddresses() {
    }
}
