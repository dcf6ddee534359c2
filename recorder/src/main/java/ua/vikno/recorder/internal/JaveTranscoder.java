package ua.vikno.recorder.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import ua.vikno.config.Recording;
import ua.vikno.recorder.Transcoder;
import ws.schild.jave.Encoder;
import ws.schild.jave.MultimediaObject;
import ws.schild.jave.encode.AudioAttributes;
import ws.schild.jave.encode.EncodingAttributes;
import ws.schild.jave.info.AudioInfo;
import ws.schild.jave.info.MultimediaInfo;
import ws.schild.jave.process.ProcessLocator;
import ws.schild.jave.process.ffmpeg.DefaultFFMPEGLocator;

/**
 * JAVE2 (the ffmpeg bundled in {@code jave-nativebin}): MP3 with LAME at 32 kbit/s, Opus in Ogg at 24 kbit/s, both
 * stereo 8 kHz. A new {@link Encoder} per conversion, as JAVE's encoder is not reentrant.
 */
public final class JaveTranscoder implements Transcoder {
    private final Supplier<ProcessLocator> locate;
    private ProcessLocator ffmpeg;

    /** The bundled ffmpeg, unpacked to the temporary directory on first use (on a worker, not here). */
    public JaveTranscoder() {
        this(DefaultFFMPEGLocator::new);
    }

    public JaveTranscoder(Supplier<ProcessLocator> locate) {
        this.locate = locate;
    }

    private synchronized ProcessLocator ffmpeg() {
        if (ffmpeg == null) {
            ffmpeg = locate.get();
        }
        return ffmpeg;
    }

    @Override
    public void encode(Path wav, Path target, Recording.Format format) throws IOException {
        AudioAttributes audio = new AudioAttributes().setChannels(WavHeader.CHANNELS)
                .setSamplingRate(WavHeader.SAMPLE_RATE);
        EncodingAttributes attributes = new EncodingAttributes().setAudioAttributes(audio);
        switch (format) {
            case MP3 -> {
                audio.setCodec("libmp3lame").setBitRate(32_000);
                attributes.setOutputFormat("mp3");
            }
            case OPUS -> {
                audio.setCodec("libopus").setBitRate(24_000);
                attributes.setOutputFormat("ogg");
            }
            case WAV -> {
                audio.setCodec("pcm_s16le");
                attributes.setOutputFormat("wav");
            }
        }
        try {
            ProcessLocator ffmpeg = ffmpeg();
            new Encoder(ffmpeg).encode(new MultimediaObject(wav.toFile(), ffmpeg), target.toFile(), attributes);
        } catch (Exception e) { // JAVE also fails with unchecked exceptions on some ffmpeg warnings
            throw new IOException("ffmpeg failed on " + wav.getFileName() + ": " + e, e);
        }
    }

    @Override
    public Probe probe(Path file) throws IOException {
        MultimediaInfo info;
        try {
            info = new MultimediaObject(file.toFile(), ffmpeg()).getInfo();
        } catch (Exception e) {
            throw new IOException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
        AudioInfo audio = info.getAudio();
        if (audio == null || info.getDuration() < 0) {
            throw new IOException(file.getFileName() + " has no audio stream with a duration");
        }
        return new Probe(info.getFormat(), audio.getChannels(), audio.getSamplingRate(),
                Duration.ofMillis(info.getDuration()));
    }
}
