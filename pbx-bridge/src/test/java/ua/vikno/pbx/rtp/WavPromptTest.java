package ua.vikno.pbx.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavPromptTest {

    @Nested
    class APcmFile {
        final short[] samples = Audio.tone(1000, 50, 8000);
        final WavPrompt prompt = WavPrompt.parse("tone.wav", Audio.wav(samples)).value();

        @Test
        void keepsEverySample() {
            assertThat(prompt.sampleCount()).isEqualTo(400);
            assertThat(prompt.duration()).isEqualTo(Duration.ofMillis(50));
        }

        @Test
        void isCutInto20MillisecondFramesTheLastPaddedWithSilence() {
            assertThat(prompt.frameCount()).isEqualTo(3);
            assertThat(prompt.frame(0)).isEqualTo(Arrays.copyOfRange(samples, 0, 160));
            assertThat(Arrays.copyOfRange(prompt.frame(2), 0, 80)).isEqualTo(Arrays.copyOfRange(samples, 320, 400));
            assertThat(Arrays.copyOfRange(prompt.frame(2), 80, 160)).containsOnly((short) 0);
        }

        @Test
        void samplesAreLittleEndian() {
            byte[] data = HexFormat.of().parseHex("0100ff7f0080");
            assertThat(WavPrompt.parse("le.wav", Audio.wav(1, 8000, 1, 16, data)).value().frame(0))
                    .startsWith((short) 1, Short.MAX_VALUE, Short.MIN_VALUE);
        }
    }

    @Test
    void unknownChunksBeforeTheDataAreSkippedWithTheirPadOctet() {
        byte[] plain = Audio.wav(new short[] {5, 6});
        byte[] list = {'L', 'I', 'S', 'T', 3, 0, 0, 0, 'a', 'b', 'c', 0};
        byte[] file = new byte[plain.length + list.length];
        System.arraycopy(plain, 0, file, 0, 36);
        System.arraycopy(list, 0, file, 36, list.length);
        System.arraycopy(plain, 36, file, 36 + list.length, plain.length - 36);
        assertThat(WavPrompt.parse("list.wav", file).value().frame(0)).startsWith((short) 5, (short) 6);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "16 kHz speech       | 1 | 16000 | 1 | 16 | PCM 16000 Hz 1 channel 16 bits",
        "stereo              | 1 | 8000  | 2 | 16 | PCM 8000 Hz 2 channels 16 bits",
        "8-bit PCM           | 1 | 8000  | 1 | 8  | PCM 8000 Hz 1 channel 8 bits",
        "mu-law WAV          | 7 | 8000  | 1 | 8  | mu-law 8000 Hz 1 channel 8 bits",
        "A-law WAV           | 6 | 8000  | 1 | 8  | A-law 8000 Hz 1 channel 8 bits",
        "float WAV           | 3 | 8000  | 1 | 32 | IEEE float 8000 Hz 1 channel 32 bits",
    })
    void otherSampleFormatsAreRefusedNamingTheFormat(String name, int tag, int rate, int channels, int bits,
                                                     String described) {
        assertThat(WavPrompt.parse("x.wav", Audio.wav(tag, rate, channels, bits, new byte[64])).failure())
                .isEqualTo(new MediaFailure.UnsupportedWav(
                        "x.wav is " + described + "; need PCM 8000 Hz 1 channel 16 bits"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty file          | ''                                   | x.wav is not a RIFF WAVE file",
        "an MP3 file         | 494433040000000000000000              | x.wav is not a RIFF WAVE file",
        "no chunks           | 524946460400000057415645               | x.wav has no fmt chunk",
        "a short fmt chunk   | 52494646100000005741564566 6d7420 04000000 01000100 | x.wav: fmt chunk of 4 octets",
    })
    void brokenFilesAreNamedFailures(String name, String hex, String reason) {
        assertThat(WavPrompt.parse("x.wav", HexFormat.of().parseHex(hex.replace(" ", ""))).failure())
                .isEqualTo(new MediaFailure.UnsupportedWav(reason));
    }

    @Nested
    class LoadingFromDisk {
        final Vertx vertx = Vertx.vertx();

        @AfterEach
        void closeVertx() throws Exception {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        Future<WavPrompt> load(Path path) {
            return WavPrompt.load(vertx, path.toString());
        }

        @Test
        void aPromptFileIsReadWithoutBlocking(@TempDir Path dir) throws Exception {
            Path file = Files.write(dir.resolve("greeting.wav"), Audio.wav(new short[800]));
            WavPrompt prompt = load(file).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(prompt.frameCount()).isEqualTo(5);
            assertThat(prompt.name()).isEqualTo(file.toString());
        }

        @Test
        void aMissingFileIsPromptUnreadable(@TempDir Path dir) {
            Path missing = dir.resolve("missing.wav");
            assertThatThrownBy(() -> load(missing).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.failure())
                            .isInstanceOfSatisfying(MediaFailure.PromptUnreadable.class,
                                    f -> assertThat(f.path()).isEqualTo(missing.toString())));
        }

        @Test
        void aFileInAnotherFormatIsUnsupportedWav(@TempDir Path dir) throws Exception {
            Path file = Files.write(dir.resolve("mulaw.wav"), Audio.wav(7, 8000, 1, 8, new byte[8]));
            assertThatThrownBy(() -> load(file).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(MediaException.class,
                            e -> assertThat(e.failure()).isInstanceOf(MediaFailure.UnsupportedWav.class));
        }
    }

    @Test
    void aDataChunkLongerThanTheFileIsReadToTheEnd() {
        byte[] file = Audio.wav(new short[] {1, 2, 3});
        file[40] = (byte) 0xff;
        file[41] = (byte) 0xff;
        file[42] = (byte) 0xff;
        file[43] = (byte) 0xff;
        assertThat(WavPrompt.parse("stream.wav", file).value().sampleCount()).isEqualTo(3);
    }
}
