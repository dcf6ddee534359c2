package ua.vikno.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ua.vikno.config.Recording;
import ua.vikno.recorder.internal.JaveTranscoder;
import ua.vikno.recorder.internal.WavWriter;

/**
 * Measures conversion throughput (minutes of audio per second of ffmpeg CPU, from the children's CPU time the
 * kernel accounts to this JVM) and logs it; a figure for the note, never a timed assertion.
 */
class ConversionThroughputTest {
    private static final Logger log = LoggerFactory.getLogger(ConversionThroughputTest.class);
    private static final int SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void convertsAMinuteOfCallAudioTwiceAndLogsTheThroughput() throws Exception {
        Path wav = dir.resolve("long.recording.wav");
        WavWriter w = WavWriter.create(wav, Long.MAX_VALUE);
        FakeCall.Source left = FakeCall.tone(440);
        FakeCall.Source right = FakeCall.tone(1000);
        for (int i = 0; i < SECONDS * 50; i++) {
            w.tick(left.next(), right.next());
        }
        w.finish();
        JaveTranscoder jave = new JaveTranscoder();
        jave.probe(wav); // unpacks ffmpeg before measuring

        for (Recording.Format format : new Recording.Format[] {Recording.Format.MP3, Recording.Format.OPUS}) {
            Path out = dir.resolve("long." + format.name().toLowerCase());
            double cpuBefore = childrenCpuSeconds();
            long wallBefore = System.nanoTime();
            int runs = 2;
            for (int i = 0; i < runs; i++) {
                jave.encode(wav, out, format);
                assertThat(jave.probe(out).duration().toMillis() / 1000.0).isCloseTo(SECONDS, within(0.5));
            }
            double cpu = childrenCpuSeconds() - cpuBefore;
            double wall = (System.nanoTime() - wallBefore) / 1e9;
            double minutes = runs * SECONDS / 60.0;
            log.atInfo().addKeyValue("format", format).addKeyValue("audioMinutes", minutes)
                    .addKeyValue("ffmpegCpuS", String.format("%.2f", cpu)).addKeyValue("wallS", String.format("%.2f", wall))
                    .addKeyValue("minutesPerCpuSecond", cpu > 0 ? String.format("%.1f", minutes / cpu) : "n/a")
                    .log("conversion throughput (encode + verification probe)");
            assertThat(Files.size(out)).isPositive();
        }
    }

    /** User + system CPU of this process's waited-for children (ffmpeg), from /proc/self/stat fields 16 and 17. */
    private static double childrenCpuSeconds() throws Exception {
        Path stat = Path.of("/proc/self/stat");
        if (!Files.exists(stat)) {
            return 0;
        }
        String s = Files.readString(stat);
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }
}
