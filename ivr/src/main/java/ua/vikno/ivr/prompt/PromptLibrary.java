package ua.vikno.ivr.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import io.vertx.core.Future;
import ua.vikno.config.Prompt;
import ua.vikno.pbx.AudioPrompt;

/**
 * The configured prompts, converted once into 8 kHz mono 16-bit WAV in a cache directory and checked against
 * their maximum length. The cache file is named after the prompt and a hash of the source, so a changed
 * source is converted again and an unchanged one never. Loading runs on a {@link Worker}; a missing, too long
 * or unconvertible prompt fails it with a {@link PromptException} listing them all.
 */
public final class PromptLibrary implements Prompts {
    private final Map<String, AudioPrompt> prompts;

    private PromptLibrary(Map<String, AudioPrompt> prompts) {
        this.prompts = new java.util.concurrent.ConcurrentHashMap<>(prompts);
    }

    /** Converts (or finds in {@code cacheDirectory}) every prompt of {@code configured}, on {@code worker}. */
    public static Future<PromptLibrary> load(Map<String, Prompt> configured, Path cacheDirectory,
                                             AudioConverter converter, Worker worker) {
        return worker.run(() -> loadBlocking(configured, cacheDirectory, converter));
    }

    /**
     * Converts {@code replacement} (an uploaded file for a configured prompt: same id, its own maximum length) on
     * {@code worker} and, if it converts and is short enough, plays it from then on instead of the prompt's
     * current audio; otherwise fails with a {@link PromptException} naming the one problem and keeps the old one.
     */
    public Future<AudioPrompt> replace(Prompt replacement, Path cacheDirectory, AudioConverter converter, Worker worker) {
        if (!prompts.containsKey(replacement.id())) {
            return Future.failedFuture(new IllegalArgumentException("no prompt '" + replacement.id() + "' is configured"));
        }
        return worker.run(() -> {
            Files.createDirectories(cacheDirectory);
            try {
                AudioPrompt ready = new AudioPrompt(replacement.id(), prepare(replacement, cacheDirectory, converter));
                prompts.put(ready.id(), ready);
                return ready;
            } catch (Rejected r) {
                throw new PromptException(List.of(r.problem));
            }
        });
    }

    @Override
    public Optional<AudioPrompt> find(String id) {
        return Optional.ofNullable(prompts.get(id));
    }

    /** The ids of every prompt. */
    public java.util.Set<String> ids() {
        return prompts.keySet();
    }

    private static PromptLibrary loadBlocking(Map<String, Prompt> configured, Path cache, AudioConverter converter)
            throws PromptException, IOException {
        Files.createDirectories(cache);
        Map<String, AudioPrompt> ready = new LinkedHashMap<>();
        List<PromptProblem> problems = new ArrayList<>();
        for (Prompt p : configured.values()) {
            try {
                ready.put(p.id(), new AudioPrompt(p.id(), prepare(p, cache, converter)));
            } catch (Rejected r) {
                problems.add(r.problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new PromptException(problems);
        }
        return new PromptLibrary(ready);
    }

    private static Path prepare(Prompt p, Path cache, AudioConverter converter) throws Rejected, IOException {
        if (!Files.isRegularFile(p.file()) || !Files.isReadable(p.file())) {
            throw new Rejected(new PromptProblem.Missing(p.id(), p.file()));
        }
        Path target = cache.resolve(p.id() + "-" + hash(p.file()) + ".wav");
        if (!Files.isRegularFile(target)) {
            Path partial = cache.resolve(target.getFileName() + ".part");
            try {
                if (isTelephoneWav(p.file())) {
                    Files.copy(p.file(), partial, StandardCopyOption.REPLACE_EXISTING); // nothing to convert
                } else {
                    converter.toTelephoneWav(p.file(), partial);
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AudioConverter.ConversionFailure e) {
                Files.deleteIfExists(partial);
                throw new Rejected(new PromptProblem.Unconvertible(p.id(), p.file(), e.getMessage()));
            }
        }
        Duration length = telephoneLength(p, target);
        if (length.compareTo(p.maxLength()) > 0) {
            throw new Rejected(new PromptProblem.TooLong(p.id(), p.file(), length, p.maxLength()));
        }
        return target;
    }

    /** Whether {@code file} is already 8 kHz mono 16-bit PCM WAV, so that it needs no conversion. */
    private static boolean isTelephoneWav(Path file) {
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".wav")) {
            return false;
        }
        try {
            AudioFormat f = AudioSystem.getAudioFileFormat(file.toFile()).getFormat();
            return f.getSampleRate() == JaveConverter.SAMPLE_RATE && f.getChannels() == 1 && f.getSampleSizeInBits() == 16
                    && f.getEncoding() == AudioFormat.Encoding.PCM_SIGNED && !f.isBigEndian();
        } catch (UnsupportedAudioFileException | IOException e) {
            return false;
        }
    }

    /** The length of a converted prompt, which must be 8 kHz mono 16-bit PCM. */
    private static Duration telephoneLength(Prompt p, Path wav) throws Rejected, IOException {
        try {
            AudioFileFormat file = AudioSystem.getAudioFileFormat(wav.toFile());
            AudioFormat f = file.getFormat();
            if (f.getSampleRate() != JaveConverter.SAMPLE_RATE || f.getChannels() != 1 || f.getSampleSizeInBits() != 16
                    || f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
                throw new Rejected(new PromptProblem.Unconvertible(p.id(), p.file(), "the converted file is " + f));
            }
            return Duration.ofMillis(Math.round(file.getFrameLength() * 1000.0 / f.getFrameRate()));
        } catch (UnsupportedAudioFileException e) {
            throw new Rejected(new PromptProblem.Unconvertible(p.id(), p.file(), "the converted file is no WAV"));
        }
    }

    private static String hash(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A prompt that cannot be used; collected so that every problem is reported at once. */
    private static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient PromptProblem problem;

        Rejected(PromptProblem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }
}
