package ua.vikno.pbx.rtp.internal;

import ua.vikno.pbx.rtp.RtpPacket;
import ua.vikno.pbx.rtp.RtpPeer;

/** A decoded RTP packet with the datagram it came in, and where and when it came from. */
public record ReceivedRtp(RtpPacket packet, byte[] datagram, RtpPeer sender, long arrivalNanos) {
}
