package ua.vikno.pbx.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptCacheTest {
    static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void close() {
        VERTX.close();
    }

    @Test
    void aPromptPlayedAgainIsNotReadAgain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("greeting.wav");
        Files.write(file, Audio.wav(new short[1600]));
        PromptCache cache = new PromptCache(VERTX, 8);

        WavPrompt first = await(cache, file);
        WavPrompt second = await(cache, file);

        assertThat(second).isSameAs(first);
    }

    @Test
    void aGreetingReplacedOnDiskIsPlayedNewFromTheNextCall(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("greeting.wav");
        Files.write(file, Audio.wav(new short[1600]));
        PromptCache cache = new PromptCache(VERTX, 8);
        WavPrompt old = await(cache, file);

        Files.write(file, Audio.wav(new short[3200]));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(await(cache, file).sampleCount()).isEqualTo(3200).isNotEqualTo(old.sampleCount());
    }

    @Test
    void aBrokenFileFailsEachTimeAndAFixedOneThenPlays(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("menu.wav");
        Files.writeString(file, "not a wave file");
        PromptCache cache = new PromptCache(VERTX, 8);

        assertThat(cache.load(file.toString()).toCompletionStage().toCompletableFuture()
                .handle((ok, failure) -> failure).get(5, TimeUnit.SECONDS)).isNotNull();
        Files.write(file, Audio.wav(new short[800]));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(await(cache, file).sampleCount()).isEqualTo(800);
    }

    @Test
    void onlyTheMostRecentlyPlayedPromptsAreKept(@TempDir Path dir) throws Exception {
        PromptCache cache = new PromptCache(VERTX, 2);
        for (int i = 0; i < 5; i++) {
            Path file = dir.resolve("p" + i + ".wav");
            Files.write(file, Audio.wav(new short[160]));
            await(cache, file);
        }

        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void anEncodedFrameIsTheFrameEncodedWithItsLaw() {
        short[] samples = new short[400];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (8000 * Math.sin(i / 3.0));
        }
        WavPrompt prompt = WavPrompt.ofSamples("tone", samples);

        for (G711 law : G711.values()) {
            for (int frame = 0; frame < prompt.frameCount(); frame++) {
                assertThat(prompt.encodedFrame(law, frame)).isEqualTo(law.encode(prompt.frame(frame)));
            }
        }
    }

    private static WavPrompt await(PromptCache cache, Path file) throws Exception {
        return cache.load(file.toString()).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
