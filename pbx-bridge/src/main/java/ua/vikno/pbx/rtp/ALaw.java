package ua.vikno.pbx.rtp;

/** ITU-T G.711 A-law (PCMA) companding of 16-bit linear PCM, by lookup tables built once from the G.711 segments. */
public final class ALaw {
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

    private ALaw() {
    }

    public static byte encode(short sample) {
        return ENCODE[sample & 0xffff];
    }

    public static short decode(byte code) {
        return DECODE[code & 0xff];
    }

    /** G.711 section 2: 13-bit magnitude, 3-bit segment and 4-bit step, even bits inverted (XOR 0x55). */
    private static int compress(int sample) {
        int value = sample >> 3;
        int mask = 0xd5;
        if (value < 0) {
            mask = 0x55;
            value = -value - 1;
        }
        int segment = 0;
        while (segment < 8 && value > (0x20 << segment) - 1) {
            segment++;
        }
        if (segment == 8) {
            return 0x7f ^ mask;
        }
        int step = segment < 2 ? (value >> 1) & 0x0f : (value >> segment) & 0x0f;
        return (segment << 4 | step) ^ mask;
    }

    private static int expand(int code) {
        int value = code ^ 0x55;
        int segment = (value & 0x70) >> 4;
        int magnitude = (value & 0x0f) << 4;
        magnitude = switch (segment) {
            case 0 -> magnitude + 8;
            case 1 -> magnitude + 0x108;
            default -> (magnitude + 0x108) << (segment - 1);
        };
        return (value & 0x80) != 0 ? magnitude : -magnitude;
    }
}
