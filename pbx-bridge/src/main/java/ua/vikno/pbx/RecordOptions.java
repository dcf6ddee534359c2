package ua.vikno.pbx;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A voice message to take from the caller (voicemail).
 *
 * @param file      where to write the WAV (8 kHz mono 16-bit)
 * @param maxLength the longest message; recording stops there
 * @param finishKey the DTMF key that ends the message early, usually {@code #}
 * @param silence   recording stops after this much silence (Duration.ZERO to disable)
 */
public record RecordOptions(Path file, Duration maxLength, char finishKey, Duration silence) {
}
