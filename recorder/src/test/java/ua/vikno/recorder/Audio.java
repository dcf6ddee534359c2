package ua.vikno.recorder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Test helpers that read a WAV with javax.sound and measure tones with a Goertzel filter. */
final class Audio {
    private Audio() {
    }

    /** A stereo 16-bit PCM WAV as javax.sound reads it. */
    record Stereo(AudioFormat format, long frameLength, short[] left, short[] right) {
        double seconds() {
            return frameLength / (double) format.getFrameRate();
        }
    }

    static Stereo read(Path wav) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getChannels() != 2 || f.getSampleSizeInBits() != 16 || f.isBigEndian()
                    || f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
                throw new IOException("not stereo 16-bit little-endian PCM: " + f);
            }
            byte[] bytes = in.readAllBytes();
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int frames = bytes.length / 4;
            short[] l = new short[frames];
            short[] r = new short[frames];
            for (int i = 0; i < frames; i++) {
                l[i] = b.getShort();
                r[i] = b.getShort();
            }
            return new Stereo(f, in.getFrameLength(), l, r);
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("javax.sound cannot read " + wav + ": " + e.getMessage(), e);
        }
    }

    /** The power of {@code hz} in {@code samples[from, to)} (Goertzel). */
    static double goertzel(short[] samples, int from, int to, double hz, double sampleRate) {
        double k = 2 * Math.cos(2 * Math.PI * hz / sampleRate);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            double s0 = samples[i] + k * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - k * s1 * s2;
    }

    static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }
}
