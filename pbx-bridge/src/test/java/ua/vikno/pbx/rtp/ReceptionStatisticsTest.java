package ua.vikno.pbx.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReceptionStatisticsTest {
    static final long FRAME_NANOS = 20_000_000;

    /** Feeds sequence numbers at a perfect 20 ms pace with matching timestamps. */
    static ReceptionReport sequence(int... seqs) {
        ReceptionStatistics stats = new ReceptionStatistics(8000);
        for (int seq : seqs) {
            stats.onPacket(seq, 160L * seq, FRAME_NANOS * seq);
        }
        return stats.report();
    }

    static int[] range(int from, int toInclusive) {
        return java.util.stream.IntStream.rangeClosed(from, toInclusive).toArray();
    }

    static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("in order", range(1, 100), 100, 100, 0),
                Arguments.of("two lost in the middle", concat(range(1, 3), range(6, 10)), 10, 8, 2),
                Arguments.of("the last packets lost are not yet expected", range(1, 5), 5, 5, 0),
                Arguments.of("reordered", new int[] {1, 3, 2, 4}, 4, 4, 0),
                Arguments.of("duplicated", new int[] {1, 2, 2, 3}, 3, 4, -1),
                Arguments.of("across the 16-bit wrap", concat(range(65530, 65535), range(0, 5)), 12, 12, 0),
                Arguments.of("loss across the wrap", concat(range(65530, 65534), range(2, 5)), 12, 9, 3),
                Arguments.of("a single stray packet far ahead is not counted",
                        concat(range(1, 10), new int[] {30000}, range(11, 20)), 20, 20, 0),
                Arguments.of("a restarted sender is followed after two sequential packets",
                        concat(range(0, 99), range(40000, 40009)), 9, 9, 0));
    }

    @ParameterizedTest(name = "{0}: expected {2}, received {3}, lost {4}")
    @MethodSource("sequences")
    void countsExpectedReceivedAndLost(String name, int[] seqs, long expected, long received, long lost) {
        ReceptionReport report = sequence(seqs);
        assertThat(report.expected()).isEqualTo(expected);
        assertThat(report.received()).isEqualTo(received);
        assertThat(report.lost()).isEqualTo(lost);
    }

    @Test
    void theExtendedHighestSequenceCountsWrapCycles() {
        assertThat(sequence(concat(range(65534, 65535), range(0, 1))).extendedHighestSequence()).isEqualTo(65537);
    }

    @Test
    void duplicatesDoNotMakeALossRatioNegative() {
        assertThat(sequence(1, 2, 2, 3).lossRatio()).isZero();
        assertThat(sequence(1, 2, 4, 5).lossRatio()).isEqualTo(0.2);
    }

    @Test
    void nothingReceivedIsAllZero() {
        assertThat(new ReceptionStatistics(8000).report())
                .isEqualTo(new ReceptionReport(0, 0, 0, 0, 0, Duration.ZERO));
    }

    @Nested
    class Jitter {
        final ReceptionStatistics stats = new ReceptionStatistics(8000);

        @Test
        void isZeroWhenPacketsArriveExactlyAtTheirTimestamps() {
            for (int i = 0; i < 50; i++) {
                stats.onPacket(i, 160L * i, 5_000_000 + FRAME_NANOS * i);
            }
            assertThat(stats.report().jitterUnits()).isZero();
        }

        @Test
        void movesOneSixteenthTowardsEachTransitDifference() {
            stats.onPacket(0, 0, 0);
            stats.onPacket(1, 160, FRAME_NANOS + 10_000_000);
            assertThat(stats.report().jitterUnits()).isCloseTo(80.0 / 16, within(1e-9));
        }

        @Test
        void convergesToTheDelayOfEveryOtherPacketDelayedByOneMillisecond() {
            for (int i = 0; i < 300; i++) {
                stats.onPacket(i, 160L * i, FRAME_NANOS * i + (i % 2) * 1_000_000);
            }
            assertThat(stats.report().jitterUnits()).isCloseTo(8.0, within(0.01));
            assertThat(stats.report().jitter()).isCloseTo(Duration.ofMillis(1), Duration.ofNanos(5_000));
        }

        @Test
        void survivesTheTimestampWrap() {
            long start = 0xffff_ffffL - 400;
            for (int i = 0; i < 10; i++) {
                stats.onPacket(i, (start + 160L * i) & 0xffff_ffffL, FRAME_NANOS * i);
            }
            assertThat(stats.report().jitterUnits()).isZero();
        }

        @Test
        void untimedEventPacketsCountButLeaveJitterAlone() {
            stats.onPacket(0, 0, 0);
            stats.onUntimedPacket(1);
            stats.onUntimedPacket(2);
            stats.onPacket(3, 480, 3 * FRAME_NANOS);
            assertThat(stats.report().received()).isEqualTo(4);
            assertThat(stats.report().jitterUnits()).isZero();
        }
    }
}
