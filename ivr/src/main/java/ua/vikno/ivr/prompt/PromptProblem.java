package ua.vikno.ivr.prompt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Why a configured prompt cannot be used; named by the prompt's configuration path. */
public sealed interface PromptProblem {

    String id();

    Path file();

    /** What is wrong, with the offending value. */
    String message();

    /** The configuration path of the prompt, as {@code ConfigError} names it. */
    default String path() {
        return "prompts.files." + id();
    }

    /** The file does not exist or cannot be read. */
    record Missing(String id, Path file) implements PromptProblem {
        @Override
        public String message() {
            return "file not found: " + file;
        }
    }

    /** The prompt lasts longer than its maximum length. */
    record TooLong(String id, Path file, Duration length, Duration max) implements PromptProblem {
        @Override
        public String message() {
            return String.format(Locale.ROOT, "%s lasts %.1f s, longer than max-length %d s", file.getFileName(),
                    length.toMillis() / 1000.0, max.toSeconds());
        }
    }

    /** The file is not audio that JAVE2 (ffmpeg) can convert. */
    record Unconvertible(String id, Path file, String reason) implements PromptProblem {
        @Override
        public String message() {
            return "cannot convert " + file.getFileName() + " to 8 kHz mono WAV: " + reason;
        }
    }
}
