package ua.vikno.pbx.rtp.internal;

import ua.vikno.pbx.rtp.RtpPacket;
import ua.vikno.pbx.rtp.RtpPeer;

/** A decoded RTP packet with where and when it came from. */
public record ReceivedRtp(RtpPacket packet, RtpPeer sender, long arrivalNanos) {
}
