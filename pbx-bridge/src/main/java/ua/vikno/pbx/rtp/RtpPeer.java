package ua.vikno.pbx.rtp;

/** A UDP transport address of the other side of an RTP stream. */
public record RtpPeer(String host, int port) {
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
