package ua.vikno.pbx.rtp.internal;

import java.util.function.Consumer;
import ua.vikno.pbx.rtp.Outcome;
import ua.vikno.pbx.rtp.RtpPacket;
import ua.vikno.pbx.rtp.RtpPacketDecoder;

/** Receive stage: decodes RTP (RFC 3550 section 5.1); malformed datagrams are counted and dropped. */
public final class RtpDecodeStage implements Consumer<ReceivedDatagram> {
    private final RtpPacketDecoder decoder = new RtpPacketDecoder();
    private final Counters counters;
    private final Consumer<ReceivedRtp> next;

    public RtpDecodeStage(Counters counters, Consumer<ReceivedRtp> next) {
        this.counters = counters;
        this.next = next;
    }

    @Override
    public void accept(ReceivedDatagram datagram) {
        Outcome<RtpPacket> decoded = decoder.decode(datagram.data());
        if (decoded.isOk()) {
            next.accept(new ReceivedRtp(decoded.value(), datagram.data(), datagram.sender(), datagram.arrivalNanos()));
        } else {
            counters.malformed++;
        }
    }
}
