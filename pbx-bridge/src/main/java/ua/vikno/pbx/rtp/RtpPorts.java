package ua.vikno.pbx.rtp;

/** An allocated port pair: the even RTP port and the RTCP port above it (RFC 3550 section 11). */
public record RtpPorts(int rtp) {
    public RtpPorts {
        if (rtp % 2 != 0 || rtp < 2 || rtp > 65534) {
            throw new IllegalArgumentException("an RTP port is even and below 65535: " + rtp);
        }
    }

    public int rtcp() {
        return rtp + 1;
    }
}
