package ua.vikno.pbx.rtp;

import java.time.Duration;

/**
 * Reception figures of one RTP source (RFC 3550 section 6.4.1 and appendix A.3, A.8), for the call record.
 *
 * @param received                packets received, duplicates included
 * @param expected                extended highest sequence number minus the first, plus one
 * @param lost                    expected minus received; negative when duplicates outnumber losses
 * @param extendedHighestSequence the highest sequence number with its wrap-around cycles
 * @param jitterUnits             interarrival jitter in timestamp units
 * @param jitter                  the same jitter as a duration
 */
public record ReceptionReport(long received, long expected, long lost, long extendedHighestSequence,
                              double jitterUnits, Duration jitter) {

    /** The fraction of expected packets that were lost, 0 when none were expected or duplicates outnumber losses. */
    public double lossRatio() {
        return expected <= 0 || lost <= 0 ? 0 : (double) lost / expected;
    }
}
