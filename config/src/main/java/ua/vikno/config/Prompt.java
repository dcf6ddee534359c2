package ua.vikno.config;

import java.nio.file.Path;
import java.time.Duration;

/** An audio prompt: its file (any common audio format; WAV is checked at load time) and its longest allowed length. */
public record Prompt(String id, Path file, Duration maxLength) {
}
