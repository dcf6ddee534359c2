package ua.vikno.pbx.rtp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Test audio: tones, WAV files and a Goertzel filter to tell which tone a frame holds. */
final class Audio {
    private Audio() {
    }

    /** A sine tone at 8 kHz. */
    static short[] tone(double hertz, int millis, double amplitude) {
        short[] samples = new short[8 * millis];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hertz * i / 8000.0));
        }
        return samples;
    }

    /** An 8 kHz mono 16-bit PCM WAV file of these samples. */
    static byte[] wav(short[] samples) {
        ByteBuffer data = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        data.asShortBuffer().put(samples);
        return wav(1, 8000, 1, 16, data.array());
    }

    /** A WAV file with a plain 16-octet fmt chunk of the given fields and a data chunk. */
    static byte[] wav(int formatTag, int sampleRate, int channels, int bits, byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) formatTag).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return out.array();
    }

    /** The relative power of {@code hertz} in {@code samples} (Goertzel algorithm), normalised by frame energy. */
    static double goertzelShare(short[] samples, double hertz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hertz / 8000.0);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (short sample : samples) {
            double s0 = sample + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
            energy += (double) sample * sample;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return energy == 0 ? 0 : power / (energy * samples.length / 2.0);
    }
}
