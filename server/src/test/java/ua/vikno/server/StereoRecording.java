package ua.vikno.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import ws.schild.jave.Encoder;
import ws.schild.jave.MultimediaObject;
import ws.schild.jave.encode.AudioAttributes;
import ws.schild.jave.encode.EncodingAttributes;

/** A stored call recording read back for a test: decoded with JAVE (as the recorder's tests do) and measured. */
record StereoRecording(double seconds, short[] left, short[] right) {

    /** Decodes an MP3 (or Opus, or WAV) to 8 kHz 16-bit stereo PCM with JAVE2's ffmpeg, then reads it. */
    static StereoRecording decode(Path file) throws Exception {
        Path wav = file.resolveSibling(file.getFileName() + ".decoded.wav");
        AudioAttributes audio = new AudioAttributes();
        audio.setCodec("pcm_s16le");
        audio.setChannels(2);
        audio.setSamplingRate(8000);
        EncodingAttributes attributes = new EncodingAttributes();
        attributes.setOutputFormat("wav");
        attributes.setAudioAttributes(audio);
        new Encoder().encode(new MultimediaObject(file.toFile()), wav.toFile(), attributes);
        return read(wav);
    }

    /** Reads a 16-bit stereo PCM WAV through javax.sound (which insists on a valid header). */
    static StereoRecording read(Path wav) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getChannels() != 2 || f.getSampleSizeInBits() != 16 || f.isBigEndian()) {
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
            return new StereoRecording(in.getFrameLength() / (double) f.getFrameRate(), l, r);
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("javax.sound cannot read " + wav + ": " + e.getMessage(), e);
        }
    }

    /** The power of {@code hz} over the recording without its first and last 200 ms (encoder delay, padding). */
    double power(boolean leftChannel, double hz) {
        short[] samples = leftChannel ? left : right;
        int from = Math.min(1600, samples.length);
        int to = Math.max(from, samples.length - 1600);
        double k = 2 * Math.cos(2 * Math.PI * hz / 8000);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            double s0 = samples[i] + k * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - k * s1 * s2;
    }
}
