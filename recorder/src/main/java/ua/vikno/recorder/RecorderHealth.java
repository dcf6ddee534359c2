package ua.vikno.recorder;

import java.util.Optional;

/**
 * What the recorder tells {@code /health}: whether the disk is (nearly) full, how many conversions wait or failed,
 * and how many frames were lost because a writer fell behind.
 *
 * @param usableBytes        free space of the recording directory at the last check
 * @param activeRecordings   calls being written now
 * @param conversionBacklog  finished recordings waiting for or in conversion
 * @param conversionFailures conversions that failed since start (their WAV is kept)
 * @param writeFailures      recordings whose WAV could not be written (left for repair on the next start)
 * @param droppedFrames      frames dropped since start because a writer fell behind
 * @param lastFailure        the latest failure, with its call id
 */
public record RecorderHealth(boolean diskFull, long usableBytes, long minFreeBytes, int activeRecordings,
                             int conversionBacklog, long conversionFailures, long writeFailures, long droppedFrames,
                             Optional<String> lastFailure) {

    /** Whether recording works: the disk has room and no conversion or write failed. */
    public boolean ok() {
        return !diskFull && conversionFailures == 0 && writeFailures == 0;
    }
}
