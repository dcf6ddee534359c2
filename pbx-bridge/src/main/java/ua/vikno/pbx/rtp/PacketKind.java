package ua.vikno.pbx.rtp;

/**
 * What a datagram on an RTP port is, by its first octets (RFC 7983 section 7, RFC 5761 section 4,
 * RFC 5389 section 6).
 */
public enum PacketKind {
    /** RTP data: version 2 and a second octet outside the RTCP packet types. */
    RTP,
    /** RTCP: version 2 and a packet type 192-223, which RTP payload types 64-95 with the marker bit would collide with. */
    RTCP,
    /** A STUN message (first two bits zero and the magic cookie 0x2112A442), e.g. a keep-alive Binding Request. */
    STUN,
    /** Anything else: dropped. */
    UNKNOWN;

    static final long STUN_MAGIC_COOKIE = 0x2112A442L;

    /** Classifies {@code data[0..length)} without decoding it. */
    public static PacketKind of(byte[] data, int length) {
        if (length < 2) {
            return UNKNOWN;
        }
        int first = data[0] & 0xff;
        if (first <= 3) {
            return length >= 20 && RtpPacketDecoder.u32(data, 4) == STUN_MAGIC_COOKIE ? STUN : UNKNOWN;
        }
        if (first >= 128 && first <= 191) {
            int type = data[1] & 0xff;
            return type >= 192 && type <= 223 ? RTCP : RTP;
        }
        return UNKNOWN;
    }
}
