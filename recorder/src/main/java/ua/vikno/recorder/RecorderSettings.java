package ua.vikno.recorder;

import java.time.Duration;

/**
 * Tuning of the recorder beyond the configuration file's {@code recording} section.
 *
 * @param queueFrames       frames (of one leg) a call may have waiting for its writer; 400 is 4 s of both legs,
 *                          about 140 KB; when full, frames are dropped and counted
 * @param writeEvery        how often a writer drains a call's queue to its file (100 ms)
 * @param headerEvery       audio written between header updates: what a crash can leave undeclared (1 s)
 * @param writerThreads     threads writing WAV files for all calls (1)
 * @param maxGap            the longest silence written for a jump in frame numbers (10 min)
 * @param durationTolerance how far a converted file's duration may be from the WAV's (0.5 s)
 * @param minFreeBytes      free space below which health reports the disk as full (1 GiB)
 * @param diskCheckEvery    how often free space is measured (10 s)
 * @param retentionEvery    how often old recordings are deleted (1 h)
 */
public record RecorderSettings(int queueFrames, Duration writeEvery, Duration headerEvery, int writerThreads,
                               Duration maxGap, Duration durationTolerance, long minFreeBytes,
                               Duration diskCheckEvery, Duration retentionEvery) {

    public RecorderSettings {
        if (queueFrames < 2 || writerThreads < 1) {
            throw new IllegalArgumentException("queueFrames must be at least 2 and writerThreads at least 1, got "
                    + queueFrames + " and " + writerThreads);
        }
    }

    public static RecorderSettings defaults() {
        return new RecorderSettings(400, Duration.ofMillis(100), Duration.ofSeconds(1), 1, Duration.ofMinutes(10),
                Duration.ofMillis(500), 1L << 30, Duration.ofSeconds(10), Duration.ofHours(1));
    }

    public RecorderSettings withQueueFrames(int frames) {
        return new RecorderSettings(frames, writeEvery, headerEvery, writerThreads, maxGap, durationTolerance,
                minFreeBytes, diskCheckEvery, retentionEvery);
    }

    public RecorderSettings withMinFreeBytes(long bytes) {
        return new RecorderSettings(queueFrames, writeEvery, headerEvery, writerThreads, maxGap, durationTolerance,
                bytes, diskCheckEvery, retentionEvery);
    }
}
