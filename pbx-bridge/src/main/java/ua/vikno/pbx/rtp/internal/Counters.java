package ua.vikno.pbx.rtp.internal;

import ua.vikno.pbx.rtp.RtpCounters;

/** Mutable packet counts of a session; each field has a single writer thread, readers see a recent value. */
public final class Counters {
    volatile long sent;
    volatile long received;
    volatile long rtcp;
    volatile long stun;
    volatile long unknown;
    volatile long malformed;
    volatile long foreignSource;
    volatile long unexpectedPayload;

    public RtpCounters snapshot() {
        return new RtpCounters(sent, received, rtcp, stun, unknown, malformed, foreignSource, unexpectedPayload);
    }
}
