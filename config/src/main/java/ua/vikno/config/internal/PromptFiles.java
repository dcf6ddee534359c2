package ua.vikno.config.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * The start-up check of prompt files: the file must exist, and a WAV file must be readable and no longer
 * than its maximum. Other formats are measured when the IVR converts them.
 */
public final class PromptFiles implements ConfigBinder.PromptCheck {

    @Override
    public Optional<String> check(Path file, Duration maxLength) {
        if (!Files.isRegularFile(file)) {
            return Optional.of("file not found: " + file);
        }
        if (!Files.isReadable(file)) {
            return Optional.of("file not readable: " + file);
        }
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")) {
            return Optional.empty();
        }
        try {
            AudioFileFormat format = AudioSystem.getAudioFileFormat(file.toFile());
            double seconds = format.getFrameLength() / (double) format.getFormat().getFrameRate();
            if (seconds * 1000 > maxLength.toMillis()) {
                return Optional.of(String.format(Locale.ROOT, "%s lasts %.1f s, longer than max-length %d s",
                        file.getFileName(), seconds, maxLength.toSeconds()));
            }
            return Optional.empty();
        } catch (UnsupportedAudioFileException | IOException e) {
            return Optional.of("not a readable WAV file: " + file + " (" + e.getMessage() + ")");
        }
    }
}
