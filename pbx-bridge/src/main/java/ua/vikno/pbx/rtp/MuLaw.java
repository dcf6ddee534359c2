package ua.vikno.pbx.rtp;

/** ITU-T G.711 mu-law (PCMU) companding of 16-bit linear PCM, by lookup tables built once from the G.711 segments. */
public final class MuLaw {
    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;
    private static final short[] DECODE = new short[256];
    private static final byte[] ENCODE = new byte[65536];

    static {
        for (int code = 0; code < 256; code++) {
            DECODE[code] = (short) expand(code);
        }
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            ENCODE[sample & 0xffff] = (byte) compress(sample);
        }
    }

    private MuLaw() {
    }

    public static byte encode(short sample) {
        return ENCODE[sample & 0xffff];
    }

    public static short decode(byte code) {
        return DECODE[code & 0xff];
    }

    /** G.711 section 2: sign, 3-bit segment and 4-bit step of the biased magnitude, all bits inverted. */
    private static int compress(int sample) {
        int sign = sample < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs(sample), CLIP) + BIAS;
        int segment = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && segment > 0; mask >>= 1) {
            segment--;
        }
        int step = (magnitude >> (segment + 3)) & 0x0f;
        return ~(sign | segment << 4 | step) & 0xff;
    }

    private static int expand(int code) {
        int inverted = ~code & 0xff;
        int segment = (inverted >> 4) & 0x07;
        int magnitude = (((inverted & 0x0f) << 3) + BIAS << segment) - BIAS;
        return (inverted & 0x80) != 0 ? -magnitude : magnitude;
    }
}
