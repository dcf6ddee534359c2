package ua.vikno.pbx.rtp;

/** The two G.711 payload formats with their static RTP payload types (RFC 3551 section 6, table 4). */
public enum G711 {
    PCMU(0, "PCMU"),
    PCMA(8, "PCMA");

    /** Samples per second of both G.711 laws, also their RTP clock rate. */
    public static final int CLOCK_RATE = 8000;

    private final int payloadType;
    private final String encodingName;

    G711(int payloadType, String encodingName) {
        this.payloadType = payloadType;
        this.encodingName = encodingName;
    }

    public int payloadType() {
        return payloadType;
    }

    /** The name used in an SDP {@code a=rtpmap} line (RFC 4566 section 6). */
    public String encodingName() {
        return encodingName;
    }

    public byte encode(short sample) {
        return this == PCMU ? MuLaw.encode(sample) : ALaw.encode(sample);
    }

    public short decode(byte code) {
        return this == PCMU ? MuLaw.decode(code) : ALaw.decode(code);
    }

    public byte[] encode(short[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = encode(samples[i]);
        }
        return out;
    }

    public short[] decode(byte[] codes) {
        return decode(codes, 0, codes.length);
    }

    /** Decodes {@code codes[from..to)}, such as the payload where it lies in a received datagram. */
    public short[] decode(byte[] codes, int from, int to) {
        short[] out = new short[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = decode(codes[from + i]);
        }
        return out;
    }
}
