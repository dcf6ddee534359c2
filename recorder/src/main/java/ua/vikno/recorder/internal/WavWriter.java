package ua.vikno.recorder.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends stereo ticks (20 ms of caller and callee) to a WAV file and rewrites the header's two size fields every
 * {@code headerEvery} bytes of audio, so a crash leaves at most that much audio outside the declared data chunk.
 * Used by one thread at a time.
 */
public final class WavWriter implements AutoCloseable {
    /** Samples per leg in one 20 ms tick at 8 kHz. */
    public static final int TICK_SAMPLES = 160;
    public static final int TICK_BYTES = TICK_SAMPLES * WavHeader.BLOCK_ALIGN;
    private static final int BUFFERED_TICKS = 16;
    private static final ByteBuffer SILENCE = ByteBuffer.allocate(TICK_BYTES * BUFFERED_TICKS).asReadOnlyBuffer();

    private final Path file;
    private final FileChannel channel;
    private final long headerEvery;
    private final ByteBuffer out = ByteBuffer.allocate(TICK_BYTES * BUFFERED_TICKS).order(ByteOrder.LITTLE_ENDIAN);
    private long dataBytes;
    private long declaredBytes;

    private WavWriter(Path file, FileChannel channel, long headerEvery) {
        this.file = file;
        this.channel = channel;
        this.headerEvery = headerEvery;
    }

    /** Creates (or truncates) {@code file} and writes a header declaring no data yet. */
    public static WavWriter create(Path file, long headerEveryBytes) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            writeFully(ch, WavHeader.of(0), 0);
            ch.position(WavHeader.SIZE);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new WavWriter(file, ch, headerEveryBytes);
    }

    public Path file() {
        return file;
    }

    /** One tick: {@code left} and {@code right} hold 160 samples each, or null for silence. */
    public void tick(short[] left, short[] right) throws IOException {
        if (out.remaining() < TICK_BYTES) {
            flush();
        }
        for (int i = 0; i < TICK_SAMPLES; i++) {
            out.putShort(left == null ? 0 : left[i]);
            out.putShort(right == null ? 0 : right[i]);
        }
        dataBytes += TICK_BYTES;
    }

    /** {@code ticks} of silence on both channels. */
    public void silence(long ticks) throws IOException {
        flush();
        long bytes = ticks * TICK_BYTES;
        while (bytes > 0) {
            ByteBuffer chunk = SILENCE.duplicate();
            chunk.limit((int) Math.min(bytes, chunk.capacity()));
            bytes -= chunk.remaining();
            dataBytes += chunk.remaining();
            while (chunk.hasRemaining()) {
                channel.write(chunk);
            }
        }
        maybeUpdateHeader();
    }

    /** Writes what is buffered and, when due, the header sizes. */
    public void flush() throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        out.clear();
        maybeUpdateHeader();
    }

    public long dataBytes() {
        return dataBytes;
    }

    /** Flushes, declares every byte written in the header and closes the file. */
    public void finish() throws IOException {
        try {
            flush();
            updateHeader();
        } finally {
            channel.close();
        }
    }

    /** Closes the file without touching the header again (after a failure). Idempotent. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to release; the file is repaired on the next start
        }
    }

    private void maybeUpdateHeader() throws IOException {
        if (dataBytes - declaredBytes >= headerEvery) {
            updateHeader();
        }
    }

    private void updateHeader() throws IOException {
        writeFully(channel, WavHeader.size(dataBytes + WavHeader.SIZE - 8), WavHeader.RIFF_SIZE_OFFSET);
        writeFully(channel, WavHeader.size(dataBytes), WavHeader.DATA_SIZE_OFFSET);
        declaredBytes = dataBytes;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            p += ch.write(b, p);
        }
    }
}
