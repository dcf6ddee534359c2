package ua.vikno.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test tones as 8 kHz mono 16-bit WAV files, and a Goertzel detector to find them in what a phone recorded. */
public final class Tones {
    public static final int RATE = 8000;

    private Tones() {
    }

    public static Path write(Path file, double hz, double seconds) throws IOException {
        int n = (int) (RATE * seconds);
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * n);
        for (int i = 0; i < n; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / RATE)));
        }
        Files.write(file, b.array());
        return file;
    }

    /** The samples of a 16-bit PCM WAV (mono, or the first channel), found by its data chunk. */
    public static short[] read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int channels = 1;
        int at = 12;
        while (at + 8 <= bytes.length) {
            String id = new String(bytes, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
            int size = in.getInt(at + 4);
            if (id.equals("fmt ")) {
                channels = in.getShort(at + 10);
            } else if (id.equals("data")) {
                int available = Math.min(size < 0 ? Integer.MAX_VALUE : size, bytes.length - at - 8);
                short[] samples = new short[available / 2 / channels];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = in.getShort(at + 8 + i * 2 * channels);
                }
                return samples;
            }
            at += 8 + size + (size & 1);
        }
        return new short[0];
    }

    /** How many 20 ms frames have most of their energy at {@code hz} (Goertzel), ignoring near-silent frames. */
    public static int framesWithTone(short[] samples, double hz) {
        int frame = RATE / 50;
        int found = 0;
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / RATE);
        for (int start = 0; start + frame <= samples.length; start += frame) {
            double s1 = 0;
            double s2 = 0;
            double energy = 0;
            for (int i = start; i < start + frame; i++) {
                double s0 = samples[i] + coefficient * s1 - s2;
                s2 = s1;
                s1 = s0;
                energy += (double) samples[i] * samples[i];
            }
            double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
            // For a pure tone, power is about energy * N / 2; require most of the frame's energy at hz.
            if (energy > frame * 100.0 * 100.0 && power > 0.5 * energy * frame / 2) {
                found++;
            }
        }
        return found;
    }
}
