package ua.vikno.pbx.rtp.internal;

import ua.vikno.pbx.rtp.RtpPeer;

/** One datagram as it arrived on an RTP or RTCP port, with its arrival time from the session's ticker. */
public record ReceivedDatagram(byte[] data, RtpPeer sender, long arrivalNanos) {
}
