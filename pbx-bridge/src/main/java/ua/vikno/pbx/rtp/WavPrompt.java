package ua.vikno.pbx.rtp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * A prompt decoded from an 8 kHz mono 16-bit PCM WAV file (RIFF WAVE, format 1 or WAVE_FORMAT_EXTENSIBLE with a
 * PCM sub-format), served in 20 ms frames of 160 samples; other sample formats are a named failure.
 */
public final class WavPrompt {
    public static final int SAMPLE_RATE = 8000;
    public static final int FRAME_SAMPLES = 160;

    private final String name;
    private final short[] samples;
    /** The whole prompt encoded once per law, padded to whole frames: thousands of callers share one array. */
    private final java.util.Map<G711, byte[]> encoded = new java.util.concurrent.ConcurrentHashMap<>(2);

    private WavPrompt(String name, short[] samples) {
        this.name = name;
        this.samples = samples;
    }

    /** Reads a file without blocking the event loop; fails with {@code PromptUnreadable} or {@code UnsupportedWav}. */
    public static Future<WavPrompt> load(Vertx vertx, String path) {
        return vertx.fileSystem().readFile(path).transform(read -> read.succeeded()
                ? parse(path, read.result().getBytes()).toFuture()
                : Outcome.<WavPrompt>failed(new MediaFailure.PromptUnreadable(path, String.valueOf(read.cause().getMessage())))
                        .toFuture());
    }

    /** A prompt of raw samples, as tests and tone generators make them. */
    public static WavPrompt ofSamples(String name, short[] samples) {
        return new WavPrompt(name, samples.clone());
    }

    public static Outcome<WavPrompt> parse(String name, byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 12 || !tag(file, 0).equals("RIFF") || !tag(file, 8).equals("WAVE")) {
            return unsupported(name + " is not a RIFF WAVE file");
        }
        Format format = null;
        int at = 12;
        while (at + 8 <= file.length) {
            String id = tag(file, at);
            long size = in.getInt(at + 4) & 0xffff_ffffL;
            int body = at + 8;
            int available = (int) Math.min(size, file.length - body);
            if (id.equals("fmt ")) {
                if (available < 16) {
                    return unsupported(name + ": fmt chunk of " + available + " octets");
                }
                format = Format.read(in, body, available);
            } else if (id.equals("data")) {
                if (format == null) {
                    return unsupported(name + ": data before fmt chunk");
                }
                if (!format.equals(Format.SUPPORTED)) {
                    return unsupported(name + " is " + format + "; need " + Format.SUPPORTED);
                }
                short[] samples = new short[available / 2];
                in.position(body);
                in.asShortBuffer().get(samples);
                return Outcome.ok(new WavPrompt(name, samples));
            }
            at = body + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - body);
        }
        return unsupported(name + (format == null ? " has no fmt chunk" : " has no data chunk"));
    }

    /** The fields of a fmt chunk that decide whether we can play the file. */
    private record Format(int tag, int sampleRate, int channels, int bits) {
        static final Format SUPPORTED = new Format(1, SAMPLE_RATE, 1, 16);

        /** Reads a fmt chunk; WAVE_FORMAT_EXTENSIBLE (0xFFFE) gives its real tag in the sub-format GUID. */
        static Format read(ByteBuffer in, int at, int length) {
            int tag = in.getShort(at) & 0xffff;
            if (tag == 0xfffe && length >= 26) {
                tag = in.getShort(at + 24) & 0xffff;
            }
            return new Format(tag, in.getInt(at + 4), in.getShort(at + 2) & 0xffff, in.getShort(at + 14) & 0xffff);
        }

        @Override
        public String toString() {
            String codec = switch (tag) {
                case 1 -> "PCM";
                case 3 -> "IEEE float";
                case 6 -> "A-law";
                case 7 -> "mu-law";
                default -> "format " + tag;
            };
            return codec + " " + sampleRate + " Hz " + channels + (channels == 1 ? " channel " : " channels ")
                    + bits + " bits";
        }
    }

    private static String tag(byte[] file, int at) {
        return new String(file, at, 4, StandardCharsets.US_ASCII);
    }

    private static Outcome<WavPrompt> unsupported(String reason) {
        return Outcome.failed(new MediaFailure.UnsupportedWav(reason));
    }

    public String name() {
        return name;
    }

    public int sampleCount() {
        return samples.length;
    }

    /** The number of 20 ms frames, the last one padded with silence. */
    public int frameCount() {
        return (samples.length + FRAME_SAMPLES - 1) / FRAME_SAMPLES;
    }

    /** Frame {@code index} as a new array of 160 samples. */
    public short[] frame(int index) {
        int from = index * FRAME_SAMPLES;
        return Arrays.copyOfRange(samples, from, from + FRAME_SAMPLES);
    }

    /**
     * Frame {@code index} encoded with {@code codec}, as a new array of 160 octets; the prompt is encoded once per
     * law and kept, so playing it to many callers costs a copy per frame, not an encoding.
     */
    public byte[] encodedFrame(G711 codec, int index) {
        byte[] all = encoded.computeIfAbsent(codec, c -> c.encode(Arrays.copyOf(samples, frameCount() * FRAME_SAMPLES)));
        int from = index * FRAME_SAMPLES;
        return Arrays.copyOfRange(all, from, from + FRAME_SAMPLES);
    }

    public Duration duration() {
        return Duration.ofNanos(samples.length * 1_000_000_000L / SAMPLE_RATE);
    }
}
