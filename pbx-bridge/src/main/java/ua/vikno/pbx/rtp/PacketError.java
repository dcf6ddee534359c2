package ua.vikno.pbx.rtp;

/** The ways a media datagram can be malformed, with the rule it breaks. */
public enum PacketError {
    /** Shorter than the fixed header of its format. */
    TOO_SHORT("shorter than the fixed header"),
    /** RTP version field is not 2 (RFC 3550 section 5.1). */
    BAD_VERSION("RTP version is not 2"),
    /** The CSRC count points past the end of the datagram (RFC 3550 section 5.1). */
    CSRC_OVERRUN("CSRC list runs past the end"),
    /** The header extension length points past the end (RFC 3550 section 5.3.1). */
    EXTENSION_OVERRUN("header extension runs past the end"),
    /** The padding count is zero or larger than the payload (RFC 3550 section 5.1). */
    BAD_PADDING("invalid padding count"),
    /** Not RTP at all: RTCP, STUN or unknown bytes (RFC 5761 section 4, RFC 7983 section 7). */
    NOT_RTP("not an RTP packet");

    private final String description;

    PacketError(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
