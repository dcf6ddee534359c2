package ua.vikno.pbx.sip;

import java.util.List;

/**
 * Whether the SIP engine is serving, and where.
 *
 * @param listeningPoints {@code transport:address:port} of every open listening point
 * @param authLockouts    users at an address, or whole addresses, locked out for failed authentication since start
 */
public record SipHealth(Status status, List<String> listeningPoints, long authLockouts) {

    /** Serving state of the engine. */
    public enum Status {
        /** Listening on every configured transport. */
        UP,
        /** Not started, stopped, or failed to bind. */
        DOWN
    }
}
