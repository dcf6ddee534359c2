package ua.vikno.pbx.rtp.internal;

import io.vertx.core.datagram.DatagramPacket;
import ua.vikno.pbx.rtp.RtpPeer;

/** One datagram as it arrived on an RTP or RTCP port, with its arrival time from the session's ticker. */
public record ReceivedDatagram(byte[] data, RtpPeer sender, long arrivalNanos) {

    public static ReceivedDatagram of(DatagramPacket packet, long arrivalNanos) {
        return new ReceivedDatagram(packet.data().getBytes(),
                new RtpPeer(packet.sender().hostAddress(), packet.sender().port()), arrivalNanos);
    }
}
