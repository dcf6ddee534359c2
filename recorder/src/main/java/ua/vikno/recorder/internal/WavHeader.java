package ua.vikno.recorder.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The canonical 44-byte RIFF/WAVE header of a PCM file (Microsoft/IBM "Multimedia Programming Interface and Data
 * Specifications 1.0", 1991, section "WAVE Form"): a RIFF chunk, a 16-byte {@code fmt } chunk of
 * WAVE_FORMAT_PCM, and a {@code data} chunk. Recordings are always 8 kHz, 16-bit, stereo (caller left, callee right).
 */
public final class WavHeader {
    public static final int SIZE = 44;
    public static final int SAMPLE_RATE = 8000;
    public static final int CHANNELS = 2;
    public static final int BITS = 16;
    /** Bytes of one sample frame: both channels. */
    public static final int BLOCK_ALIGN = CHANNELS * BITS / 8;
    public static final int BYTE_RATE = SAMPLE_RATE * BLOCK_ALIGN;
    /** Offsets of the two size fields that change as data is appended. */
    public static final int RIFF_SIZE_OFFSET = 4;
    public static final int DATA_SIZE_OFFSET = 40;
    /** The largest data chunk a 32-bit RIFF size can describe. */
    public static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - (SIZE - 8);

    private WavHeader() {
    }

    /** The header of a file holding {@code dataBytes} of PCM after it. */
    public static ByteBuffer of(long dataBytes) {
        long data = Math.min(dataBytes, MAX_DATA_BYTES);
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt((int) (data + SIZE - 8)).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) CHANNELS).putInt(SAMPLE_RATE)
                .putInt(BYTE_RATE).putShort((short) BLOCK_ALIGN).putShort((short) BITS);
        b.put(ascii("data")).putInt((int) data);
        return b.flip();
    }

    /** A 4-byte little-endian size field. */
    public static ByteBuffer size(long value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) Math.min(value, 0xFFFF_FFFFL)).flip();
    }

    /** The data size a header declares, when it is this module's canonical header. */
    public static Optional<Long> declaredDataBytes(ByteBuffer header) {
        if (header.remaining() < SIZE) {
            return Optional.empty();
        }
        ByteBuffer b = header.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer expected = of(0);
        for (int i = 0; i < SIZE; i++) {
            boolean sizeField = (i >= RIFF_SIZE_OFFSET && i < RIFF_SIZE_OFFSET + 4)
                    || (i >= DATA_SIZE_OFFSET && i < DATA_SIZE_OFFSET + 4);
            if (!sizeField && b.get(b.position() + i) != expected.get(i)) {
                return Optional.empty();
            }
        }
        long data = Integer.toUnsignedLong(b.getInt(b.position() + DATA_SIZE_OFFSET));
        long riff = Integer.toUnsignedLong(b.getInt(b.position() + RIFF_SIZE_OFFSET));
        return riff == data + SIZE - 8 ? Optional.of(data) : Optional.empty();
    }

    /** Milliseconds of audio in {@code dataBytes}. */
    public static long millis(long dataBytes) {
        return dataBytes * 1000 / BYTE_RATE;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
