package ua.vikno.pbx.rtp.internal;

import java.util.concurrent.atomic.AtomicLong;
import ua.vikno.pbx.rtp.RtpCounters;

/**
 * Mutable packet counts of a session. Receive counts have one writer, the session's context; {@code sent} has two
 * (the media clock's thread for playback, the other leg's context for a bridge). Readers see recent values.
 */
public final class Counters {
    final AtomicLong sent = new AtomicLong();
    volatile long received;
    volatile long rtcp;
    volatile long stun;
    volatile long unknown;
    volatile long malformed;
    volatile long foreignSource;
    volatile long unexpectedPayload;

    public RtpCounters snapshot() {
        return new RtpCounters(sent.get(), received, rtcp, stun, unknown, malformed, foreignSource, unexpectedPayload);
    }
}
