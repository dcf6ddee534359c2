package ua.vikno.config;

import java.time.Duration;
import java.util.Set;

/** Where Vikno listens: SIP signalling, the RTP port range and HTTP. */
public record Network(Sip sip, Rtp rtp, Http http) {

    /** SIP transport protocols. */
    public enum Transport { UDP, TCP }

    /**
     * SIP listener and registrar settings.
     *
     * @param domain          the SIP domain lines register in (RFC 3261 section 10.3)
     * @param maxAuthFailures failed digest authentications of one user from one source address before that user
     *                        is refused from there; failed attempts with four times as many distinct user names lock
     *                        the whole address (a scanner)
     * @param authFailureWindow the window over which failures are counted
     * @param lockout         how long a user at an address, or a whole address, is refused after too many failures
     */
    public record Sip(String bind, int port, Set<Transport> transports, String domain,
                      Duration registrationMaxExpiry, Duration nonceLifetime,
                      int maxAuthFailures, Duration authFailureWindow, Duration lockout,
                      Duration sessionExpires) {
    }

    /** The UDP port range for RTP (even ports for RTP, odd for RTCP) and the media inactivity timeout. */
    public record Rtp(String bind, int portMin, int portMax, Duration inactivityTimeout) {
    }

    /** The HTTP API and web console listener. */
    public record Http(String bind, int port) {
    }
}
