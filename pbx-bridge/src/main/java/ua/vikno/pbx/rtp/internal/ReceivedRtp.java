package ua.vikno.pbx.rtp.internal;

import ua.vikno.pbx.rtp.RtpHeader;
import ua.vikno.pbx.rtp.RtpPeer;

/** An RTP packet's header with the datagram it came in (which holds its payload), and where and when it came from. */
public record ReceivedRtp(RtpHeader header, byte[] datagram, RtpPeer sender, long arrivalNanos) {
}
