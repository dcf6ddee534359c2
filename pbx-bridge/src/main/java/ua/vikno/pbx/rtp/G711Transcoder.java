package ua.vikno.pbx.rtp;

/**
 * Converts G.711 payloads from one law to the other octet by octet through one 256-entry table
 * (decode to linear, re-encode), for legs whose codecs differ.
 */
public final class G711Transcoder {
    private final G711 from;
    private final G711 to;
    private final byte[] table = new byte[256];

    public G711Transcoder(G711 from, G711 to) {
        this.from = from;
        this.to = to;
        for (int code = 0; code < 256; code++) {
            table[code] = to.encode(from.decode((byte) code));
        }
    }

    public G711 from() {
        return from;
    }

    public G711 to() {
        return to;
    }

    /** A new payload in the target law; the input is left untouched. */
    public byte[] transcode(byte[] payload) {
        byte[] out = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            out[i] = table[payload[i] & 0xff];
        }
        return out;
    }

    /** Converts {@code data[from..to)} to the target law where it lies. */
    public void transcodeInPlace(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            data[i] = table[data[i] & 0xff];
        }
    }
}
