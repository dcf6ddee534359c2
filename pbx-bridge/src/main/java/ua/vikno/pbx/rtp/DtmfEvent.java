package ua.vikno.pbx.rtp;

import java.time.Duration;

/** One key press received from a caller, however it was signalled. */
public record DtmfEvent(DtmfDigit digit, Duration duration, Source source) {

    /** How the digit reached us. */
    public enum Source {
        /** An RTP telephone-event (RFC 4733). */
        RFC4733,
        /** A SIP INFO request with an {@code application/dtmf-relay} or {@code application/dtmf} body. */
        SIP_INFO
    }
}
