package ua.vikno.recorder.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import ua.vikno.config.Recording;

/**
 * Where recordings live: {@code <directory>/yyyy/MM/dd/<call>.recording.wav} while a call runs (and until it is
 * converted), then {@code <call>.mp3}, {@code .opus} or {@code .wav}. The call id is kept readable and reversible
 * in the name: bytes outside {@code [A-Za-z0-9._-]} are written as {@code %XX}.
 */
public final class RecordingFiles {
    public static final String UNFINISHED = ".recording.wav";
    public static final String PARTIAL = ".part";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final Path directory;

    public RecordingFiles(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    /** The WAV a call's recording is written to. */
    public Path unfinished(String callId, Instant startedAt) {
        return directory.resolve(DAY.format(startedAt)).resolve(encode(callId) + UNFINISHED);
    }

    /** The stored recording next to an unfinished WAV. */
    public Path stored(Path unfinished, Recording.Format format) {
        String name = unfinished.getFileName().toString();
        return unfinished.resolveSibling(name.substring(0, name.length() - UNFINISHED.length()) + "." + extension(format));
    }

    public static Path partial(Path target) {
        return target.resolveSibling(target.getFileName() + PARTIAL);
    }

    /** A path relative to the directory with {@code /} separators, as written to notes and metadata. */
    public String relative(Path file) {
        return directory.relativize(file.toAbsolutePath().normalize()).toString().replace(file.getFileSystem()
                .getSeparator(), "/");
    }

    public Path resolve(String relative) {
        Path p = directory.resolve(relative).normalize();
        if (!p.startsWith(directory)) {
            throw new IllegalArgumentException("recording path outside the recording directory: " + relative);
        }
        return p;
    }

    /** The call id of an unfinished WAV, from its name. */
    public static Optional<String> callIdOf(Path unfinished) {
        String name = unfinished.getFileName().toString();
        if (!name.endsWith(UNFINISHED)) {
            return Optional.empty();
        }
        return decode(name.substring(0, name.length() - UNFINISHED.length()));
    }

    /** Unfinished WAVs under the directory (left by a crash, or kept by a failed conversion). Blocking. */
    public List<Path> unfinishedFiles() throws IOException {
        return find(UNFINISHED);
    }

    /** Partial outputs of interrupted conversions. Blocking. */
    public List<Path> partialFiles() throws IOException {
        return find(PARTIAL);
    }

    public static String extension(Recording.Format format) {
        return switch (format) {
            case MP3 -> "mp3";
            case OPUS -> "opus";
            case WAV -> "wav";
        };
    }

    static String encode(String callId) {
        StringBuilder out = new StringBuilder();
        for (byte b : callId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    static Optional<String> decode(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%') {
                if (i + 2 >= name.length()) {
                    return Optional.empty();
                }
                try {
                    out.write(Integer.parseInt(name.substring(i + 1, i + 3), 16));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
                i += 2;
            } else {
                out.write(c);
            }
        }
        String id = out.toString(StandardCharsets.UTF_8);
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    private List<Path> find(String suffix) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }
}
