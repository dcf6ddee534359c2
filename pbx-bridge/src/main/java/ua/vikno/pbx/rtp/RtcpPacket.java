package ua.vikno.pbx.rtp;

/**
 * The common header of the first RTCP packet of a compound datagram (RFC 3550 section 6.4): enough to recognise
 * RTCP and let it pass, not to act on its reports.
 *
 * @param type        the packet type
 * @param count       the 5-bit reception report or source count
 * @param lengthWords the length in 32-bit words minus one
 * @param ssrc        the sender's SSRC
 */
public record RtcpPacket(Type type, int count, int lengthWords, long ssrc) {

    /** RTCP packet types (RFC 3550 section 12.1, RFC 4585, RFC 3611). */
    public enum Type {
        SR(200), RR(201), SDES(202), BYE(203), APP(204), RTPFB(205), PSFB(206), XR(207), OTHER(-1);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        static Type of(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return OTHER;
        }
    }

    /** Decodes the first header of {@code data[0..length)}; anything not RTCP is a named failure. */
    public static Outcome<RtcpPacket> decodeHeader(byte[] data, int length) {
        if (PacketKind.of(data, length) != PacketKind.RTCP) {
            return Outcome.failed(new MediaFailure.MalformedPacket(PacketError.NOT_RTP, "not RTCP"));
        }
        if (length < 8) {
            return Outcome.failed(new MediaFailure.MalformedPacket(PacketError.TOO_SHORT, length + " octets of RTCP"));
        }
        return Outcome.ok(new RtcpPacket(Type.of(data[1] & 0xff), data[0] & 0x1f, RtpPacketDecoder.u16(data, 2),
                RtpPacketDecoder.u32(data, 4)));
    }
}
