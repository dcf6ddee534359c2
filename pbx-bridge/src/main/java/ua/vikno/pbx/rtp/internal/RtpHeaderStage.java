package ua.vikno.pbx.rtp.internal;

import java.util.function.Consumer;
import ua.vikno.pbx.rtp.Outcome;
import ua.vikno.pbx.rtp.RtpHeader;
import ua.vikno.pbx.rtp.RtpPacketDecoder;

/**
 * Receive stage: reads and checks the RTP header where it lies (RFC 3550 section 5.1), copying nothing; the payload
 * stays in the datagram for the stages that want it. Malformed datagrams are counted and dropped.
 */
public final class RtpHeaderStage implements Consumer<ReceivedDatagram> {
    private final RtpPacketDecoder decoder = new RtpPacketDecoder();
    private final Counters counters;
    private final Consumer<ReceivedRtp> next;

    public RtpHeaderStage(Counters counters, Consumer<ReceivedRtp> next) {
        this.counters = counters;
        this.next = next;
    }

    @Override
    public void accept(ReceivedDatagram datagram) {
        Outcome<RtpHeader> header = decoder.readHeader(datagram.data(), datagram.data().length);
        if (header.isOk()) {
            next.accept(new ReceivedRtp(header.value(), datagram.data(), datagram.sender(), datagram.arrivalNanos()));
        } else {
            counters.malformed++;
        }
    }
}
