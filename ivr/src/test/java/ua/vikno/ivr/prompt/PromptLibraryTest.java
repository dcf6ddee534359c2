package ua.vikno.ivr.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.vertx.core.Future;
import ua.vikno.config.Prompt;
import ua.vikno.pbx.AudioPrompt;
import ws.schild.jave.Encoder;
import ws.schild.jave.MultimediaObject;
import ws.schild.jave.encode.AudioAttributes;
import ws.schild.jave.encode.EncodingAttributes;

@DisplayName("PromptLibrary: prompts converted once with JAVE2 to 8 kHz mono WAV")
class PromptLibraryTest {
    @TempDir
    Path dir;
    Path cache;
    ExecutorService worker;
    final AtomicInteger conversions = new AtomicInteger();
    final AudioConverter counting = (source, target) -> {
        conversions.incrementAndGet();
        new JaveConverter().toTelephoneWav(source, target);
    };

    @BeforeEach
    void setUp() {
        cache = dir.resolve("cache");
        worker = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDown() {
        worker.shutdownNow();
    }

    PromptLibrary load(Prompt... prompts) throws Exception {
        Map<String, Prompt> map = new LinkedHashMap<>();
        for (Prompt p : prompts) {
            map.put(p.id(), p);
        }
        Future<PromptLibrary> f = PromptLibrary.load(map, cache, counting, Worker.on(worker));
        try {
            return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    /** A sine tone as CD-quality stereo WAV: not what telephony wants. */
    Path tone(String name, double seconds) throws IOException {
        float rate = 44100;
        int frames = (int) (seconds * rate);
        ByteBuffer pcm = ByteBuffer.allocate(frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short s = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
            pcm.putShort(s).putShort(s);
        }
        AudioFormat format = new AudioFormat(rate, 16, 2, true, false);
        Path file = dir.resolve(name);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    /** {@code wav} encoded by JAVE2 with {@code codec} into {@code format} (mp3, ogg). */
    Path encode(Path wav, String codec, String format) throws Exception {
        AudioAttributes audio = new AudioAttributes();
        audio.setCodec(codec);
        audio.setChannels(2);
        audio.setSamplingRate(44100);
        audio.setBitRate(128000);
        EncodingAttributes attributes = new EncodingAttributes();
        attributes.setOutputFormat(format);
        attributes.setAudioAttributes(audio);
        Path out = wav.resolveSibling(wav.getFileName().toString().replace(".wav", "." + format));
        new Encoder().encode(new MultimediaObject(wav.toFile()), out.toFile(), attributes);
        return out;
    }

    static AudioFileFormat formatOf(AudioPrompt prompt) throws Exception {
        return AudioSystem.getAudioFileFormat(prompt.file().toFile());
    }

    @Nested
    @DisplayName("converting")
    class Converting {
        @ParameterizedTest(name = "{1} ({0}) becomes 8 kHz mono 16-bit WAV of the same length")
        @CsvSource({"libmp3lame, mp3", "libvorbis, ogg"})
        void compressedFormatsBecomeTelephoneWav(String codec, String format) throws Exception {
            Path source = encode(tone("greeting.wav", 2.0), codec, format);
            PromptLibrary library = load(new Prompt("greeting", source, Duration.ofSeconds(15)));

            AudioPrompt prompt = library.get("greeting");
            assertThat(prompt.id()).isEqualTo("greeting");
            assertThat(prompt.file()).startsWith(cache);
            AudioFileFormat wav = formatOf(prompt);
            assertThat(wav.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
            assertThat(wav.getFormat().getSampleRate()).isEqualTo(8000f);
            assertThat(wav.getFormat().getChannels()).isEqualTo(1);
            assertThat(wav.getFormat().getSampleSizeInBits()).isEqualTo(16);
            double seconds = wav.getFrameLength() / 8000.0;
            assertThat(seconds).isBetween(1.9, 2.2);   // encoders pad a little
        }

        @Test
        void aWavOfAnotherRateIsConvertedToo() throws Exception {
            PromptLibrary library = load(new Prompt("beep", tone("beep.wav", 0.5), Duration.ofSeconds(15)));
            assertThat(formatOf(library.get("beep")).getFormat().getSampleRate()).isEqualTo(8000f);
        }

        @Test
        void convertsOnceAndReusesTheCache() throws Exception {
            Prompt greeting = new Prompt("greeting", tone("greeting.wav", 1.0), Duration.ofSeconds(15));
            AudioPrompt first = load(greeting).get("greeting");
            AudioPrompt second = load(greeting).get("greeting");
            assertThat(conversions).hasValue(1);
            assertThat(second.file()).isEqualTo(first.file());
        }

        @Test
        void aChangedSourceIsConvertedAgain() throws Exception {
            Path file = tone("greeting.wav", 1.0);
            load(new Prompt("greeting", file, Duration.ofSeconds(15)));
            Files.move(tone("other.wav", 1.5), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            load(new Prompt("greeting", file, Duration.ofSeconds(15)));
            assertThat(conversions).hasValue(2);
        }

        @Test
        void convertsOnAVertxWorkerNeverOnTheEventLoop() throws Exception {
            Path source = tone("hold.wav", 0.3);
            io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
            try {
                java.util.concurrent.CompletableFuture<Boolean> onEventLoop = new java.util.concurrent.CompletableFuture<>();
                AudioConverter watching = (from, to) -> {
                    onEventLoop.complete(io.vertx.core.Context.isOnEventLoopThread());
                    new JaveConverter().toTelephoneWav(from, to);
                };
                java.util.concurrent.CompletableFuture<PromptLibrary> loaded = new java.util.concurrent.CompletableFuture<>();
                vertx.runOnContext(v -> PromptLibrary.load(Map.of("hold", new Prompt("hold", source,
                                Duration.ofSeconds(5))), cache, watching, vertx::executeBlocking)
                        .onComplete(ar -> loaded.complete(ar.result())));
                assertThat(loaded.get(60, TimeUnit.SECONDS).find("hold")).isPresent();
                assertThat(onEventLoop.get()).isFalse();
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }

        @Test
        void theSamplesPromptsAllLoad() throws Exception {
            Map<String, Prompt> sample = ua.vikno.ivr.fake.SampleConfig.load().prompts();
            PromptLibrary library = load(sample.values().toArray(Prompt[]::new));
            assertThat(library.ids()).containsExactlyInAnyOrderElementsOf(sample.keySet());
        }

        @Test
        void unknownIdsAreNotFound() throws Exception {
            PromptLibrary library = load(new Prompt("beep", tone("beep.wav", 0.2), Duration.ofSeconds(15)));
            assertThat(library.find("nope")).isEmpty();
            assertThatThrownBy(() -> library.get("nope")).hasMessageContaining("unknown prompt 'nope'");
        }
    }

    @Nested
    @DisplayName("rejecting at start-up")
    class Rejecting {
        @Test
        void aTooLongMp3IsANamedError() throws Exception {
            Path mp3 = encode(tone("greeting.wav", 3.0), "libmp3lame", "mp3");
            assertThatThrownBy(() -> load(new Prompt("greeting-working", mp3, Duration.ofSeconds(2))))
                    .isInstanceOfSatisfying(PromptException.class, e -> {
                        assertThat(e.problems()).singleElement().isInstanceOfSatisfying(PromptProblem.TooLong.class,
                                p -> {
                                    assertThat(p.id()).isEqualTo("greeting-working");
                                    assertThat(p.max()).isEqualTo(Duration.ofSeconds(2));
                                    assertThat(p.length()).isGreaterThan(Duration.ofMillis(2900));
                                });
                        assertThat(e.getMessage()).contains("prompts.files.greeting-working: greeting.mp3 lasts 3.")
                                .contains("longer than max-length 2 s");
                    });
        }

        @Test
        void aMissingFileIsANamedError() {
            Path missing = dir.resolve("nowhere.mp3");
            assertThatThrownBy(() -> load(new Prompt("outage", missing, Duration.ofSeconds(30))))
                    .isInstanceOfSatisfying(PromptException.class, e -> assertThat(e.problems())
                            .containsExactly(new PromptProblem.Missing("outage", missing)));
        }

        @Test
        void aFileThatIsNoAudioIsANamedError() throws Exception {
            Path junk = Files.writeString(dir.resolve("menu.mp3"), "this is not audio\n".repeat(100));
            assertThatThrownBy(() -> load(new Prompt("menu-main", junk, Duration.ofSeconds(30))))
                    .isInstanceOfSatisfying(PromptException.class, e -> {
                        assertThat(e.problems()).singleElement().isInstanceOf(PromptProblem.Unconvertible.class);
                        assertThat(e.getMessage()).contains("prompts.files.menu-main: cannot convert menu.mp3");
                    });
            assertThat(Files.list(cache).toList()).isEmpty();   // no half-written file is left in the cache
        }

        @Test
        void everyProblemIsListedAtOnce() throws Exception {
            Path ok = tone("ok.wav", 0.5);
            assertThatThrownBy(() -> load(
                    new Prompt("missing", dir.resolve("missing.wav"), Duration.ofSeconds(30)),
                    new Prompt("fine", ok, Duration.ofSeconds(30)),
                    new Prompt("long", tone("long.wav", 2.0), Duration.ofSeconds(1))))
                    .isInstanceOfSatisfying(PromptException.class, e -> assertThat(e.problems())
                            .extracting(PromptProblem::id).isEqualTo(List.of("missing", "long")));
        }
    }

    @Nested
    @DisplayName("replacing")
    class Replacing {
        AudioPrompt replace(PromptLibrary library, Prompt p) throws Exception {
            try {
                return library.replace(p, cache, counting, Worker.on(worker)).toCompletionStage().toCompletableFuture()
                        .get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw (Exception) e.getCause();
            }
        }

        @Test
        void anUploadedMp3PlaysInsteadOfTheConfiguredFile() throws Exception {
            PromptLibrary library = load(new Prompt("greeting-working", tone("old.wav", 1.0), Duration.ofSeconds(15)));
            Path mp3 = encode(tone("new.wav", 2.0), "libmp3lame", "mp3");
            AudioPrompt ready = replace(library, new Prompt("greeting-working", mp3, Duration.ofSeconds(15)));
            assertThat(library.find("greeting-working")).contains(ready);
            AudioFileFormat f = formatOf(ready);
            assertThat(f.getFormat().getSampleRate()).isEqualTo(8000f);
            assertThat(f.getFrameLength() / 8000.0).isBetween(1.9, 2.2);
        }

        @Test
        void aTooLongUploadIsRefusedAndTheOldPromptStays() throws Exception {
            PromptLibrary library = load(new Prompt("greeting-working", tone("old.wav", 1.0), Duration.ofSeconds(2)));
            AudioPrompt before = library.find("greeting-working").orElseThrow();
            Path longer = tone("long.wav", 3.0);
            assertThatThrownBy(() -> replace(library, new Prompt("greeting-working", longer, Duration.ofSeconds(2))))
                    .isInstanceOfSatisfying(PromptException.class, e -> assertThat(e.problems()).singleElement()
                            .isInstanceOf(PromptProblem.TooLong.class));
            assertThat(library.find("greeting-working")).contains(before);
        }

        @Test
        void onlyAConfiguredPromptCanBeReplaced() throws Exception {
            PromptLibrary library = load(new Prompt("beep", tone("beep.wav", 0.5), Duration.ofSeconds(2)));
            assertThatThrownBy(() -> replace(library, new Prompt("unknown", tone("x.wav", 0.5), Duration.ofSeconds(2))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
