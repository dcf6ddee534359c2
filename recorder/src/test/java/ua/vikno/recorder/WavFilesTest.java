package ua.vikno.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ua.vikno.recorder.internal.RecordingFiles;
import ua.vikno.recorder.internal.WavHeader;
import ua.vikno.recorder.internal.WavRepair;
import ua.vikno.recorder.internal.WavWriter;

class WavFilesTest {
    @TempDir
    Path dir;

    static long declaredDataBytes(Path wav) throws Exception {
        byte[] header = new byte[44];
        try (var in = Files.newInputStream(wav)) {
            assertThat(in.readNBytes(header, 0, 44)).isEqualTo(44);
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(40));
    }

    @Nested
    class Writing {
        @Test
        void updatesTheHeaderPeriodicallySoACrashLeavesAtMostTheIntervalUndeclared() throws Exception {
            Path wav = dir.resolve("w.recording.wav");
            WavWriter w = WavWriter.create(wav, WavHeader.BYTE_RATE); // every second
            FakeCall.Source tone = FakeCall.tone(440);
            for (int i = 0; i < 175; i++) { // 3.5 s
                w.tick(tone.next(), null);
                if (i % 5 == 4) {
                    w.flush(); // as the writer does every 100 ms
                }
            }
            w.flush();
            w.close();

            long written = Files.size(wav) - 44;
            assertThat(written).isEqualTo(175L * WavWriter.TICK_BYTES);
            assertThat(declaredDataBytes(wav)).isBetween(written - WavHeader.BYTE_RATE, written);
        }

        @Test
        void aFinishedFileDeclaresEverySample() throws Exception {
            Path wav = dir.resolve("f.recording.wav");
            WavWriter w = WavWriter.create(wav, Long.MAX_VALUE);
            w.tick(new short[160], new short[160]);
            w.silence(99);
            w.finish();

            assertThat(Audio.read(wav).frameLength()).isEqualTo(100 * 160);
            assertThat(declaredDataBytes(wav)).isEqualTo(Files.size(wav) - 44);
        }
    }

    @Nested
    class Repair {
        @Test
        void aWavLeftByACrashGetsAHeaderMatchingItsSizeAndIsPlayable() throws Exception {
            Path wav = CrashedWav.write(dir.resolve("2026/11/26/c-1.recording.wav"), 125); // 2.5 s
            assertThat(declaredDataBytes(wav)).isZero();

            var found = new WavRepair(new RecordingFiles(dir), id -> false).run();

            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.callId()).isEqualTo("c-1");
                assertThat(f.repaired()).isTrue();
                assertThat(f.dataBytes()).isEqualTo(125L * WavWriter.TICK_BYTES);
            });
            Audio.Stereo audio = Audio.read(wav);
            assertThat(audio.frameLength()).isEqualTo(20000);
            assertThat(audio.format().getSampleRate()).isEqualTo(8000f);
            assertThat(audio.format().getChannels()).isEqualTo(2);
            assertThat(Audio.goertzel(audio.left(), 0, 20000, 440, 8000))
                    .isGreaterThan(100 * Audio.goertzel(audio.left(), 0, 20000, 1000, 8000));
        }

        @Test
        void aTornLastSampleFrameIsCut() throws Exception {
            Path wav = CrashedWav.write(dir.resolve("2026/11/26/c-2.recording.wav"), 50);
            Files.write(wav, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);

            new WavRepair(new RecordingFiles(dir), id -> false).run();

            assertThat(Files.size(wav)).isEqualTo(44 + 50L * WavWriter.TICK_BYTES);
            assertThat(Audio.read(wav).frameLength()).isEqualTo(8000);
        }

        @Test
        void aWavWithNoAudioIsDeletedAndAPartialConversionRemoved() throws Exception {
            Path empty = CrashedWav.write(dir.resolve("2026/11/26/c-3.recording.wav"), 0);
            Path partial = Files.write(dir.resolve("2026/11/26/c-4.mp3.part"), new byte[100]);

            assertThat(new WavRepair(new RecordingFiles(dir), id -> false).run()).isEmpty();

            assertThat(empty).doesNotExist();
            assertThat(partial).doesNotExist();
        }

        @Test
        void aFinishedWavIsLeftAsItIs() throws Exception {
            Path wav = dir.resolve("2026/11/26/c-5.recording.wav");
            WavWriter w = WavWriter.create(wav, Long.MAX_VALUE);
            w.silence(10);
            w.finish();
            long modified = Files.getLastModifiedTime(wav).toMillis();

            var found = new WavRepair(new RecordingFiles(dir), id -> false).run();

            assertThat(found).singleElement().satisfies(f -> assertThat(f.repaired()).isFalse());
            assertThat(Files.getLastModifiedTime(wav).toMillis()).isEqualTo(modified);
        }
    }

    @Test
    void aWavOfACallBeingRecordedIsLeftAlone() throws Exception {
        Path wav = CrashedWav.write(dir.resolve("2026/11/26/c-live.recording.wav"), 50);

        assertThat(new WavRepair(new RecordingFiles(dir), "c-live"::equals).run()).isEmpty();

        assertThat(declaredDataBytes(wav)).isZero();
    }

    @Test
    void aCallIdIsReversibleFromItsFileName() {
        RecordingFiles files = new RecordingFiles(dir);
        Path wav = files.unfinished("a84b@pc33/ü 1%", RecorderFixture.T0);

        assertThat(wav.getFileName().toString()).isEqualTo("a84b%40pc33%2F%C3%BC%201%25.recording.wav");
        assertThat(RecordingFiles.callIdOf(wav)).contains("a84b@pc33/ü 1%");
    }
}
