package ua.vikno.recorder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import ua.vikno.config.Recording;

/** Converts a recording's WAV to its stored format and reads back what a file holds; blocking, used on workers. */
public interface Transcoder {

    /** Writes {@code wav} as {@code format} to {@code target} (replacing it). */
    void encode(Path wav, Path target, Recording.Format format) throws IOException;

    /** What a media file holds, as a decoder sees it. */
    Probe probe(Path file) throws IOException;

    /** A decoder's view of a file. */
    record Probe(String container, int channels, int sampleRate, Duration duration) {
    }
}
