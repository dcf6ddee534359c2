package ua.vikno.pbx.rtp.internal;

import java.util.function.Consumer;
import ua.vikno.pbx.rtp.PacketKind;

/**
 * First receive stage: passes RTP on, counts RTCP and lets it pass, drops STUN and anything unknown
 * (RFC 7983 section 7, RFC 5761 section 4).
 */
public final class Demultiplexer implements Consumer<ReceivedDatagram> {
    private final Counters counters;
    private final Consumer<ReceivedDatagram> rtp;

    public Demultiplexer(Counters counters, Consumer<ReceivedDatagram> rtp) {
        this.counters = counters;
        this.rtp = rtp;
    }

    @Override
    public void accept(ReceivedDatagram datagram) {
        switch (PacketKind.of(datagram.data(), datagram.data().length)) {
            case RTP -> rtp.accept(datagram);
            case RTCP -> counters.rtcp++;
            case STUN -> counters.stun++;
            case UNKNOWN -> counters.unknown++;
        }
    }
}
