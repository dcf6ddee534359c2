package ua.vikno.pbx.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DtmfDeduplicatorTest {
    static final long MS = 1_000_000L;
    final DtmfDeduplicator dedup = new DtmfDeduplicator(Duration.ofMillis(500));

    static DtmfEvent rtp(char digit) {
        return new DtmfEvent(DtmfDigit.ofSymbol(digit).orElseThrow(), Duration.ofMillis(100), DtmfEvent.Source.RFC4733);
    }

    static DtmfEvent info(char digit) {
        return new DtmfEvent(DtmfDigit.ofSymbol(digit).orElseThrow(), Duration.ofMillis(100), DtmfEvent.Source.SIP_INFO);
    }

    @Test
    void aPressSignalledBothWaysCountsOnceWhicheverComesFirst() {
        assertThat(dedup.accept(rtp('1'), 0)).isTrue();
        assertThat(dedup.accept(info('1'), 40 * MS)).isFalse();
        assertThat(dedup.accept(info('2'), 1000 * MS)).isTrue();
        assertThat(dedup.accept(rtp('2'), 1030 * MS)).isFalse();
    }

    @Test
    void aDoublePressSignalledBothWaysCountsTwice() {
        assertThat(dedup.accept(rtp('5'), 0)).isTrue();
        assertThat(dedup.accept(info('5'), 20 * MS)).isFalse();
        assertThat(dedup.accept(rtp('5'), 250 * MS)).isTrue();
        assertThat(dedup.accept(info('5'), 270 * MS)).isFalse();
    }

    @Test
    void pressesOfOneKeyByOneWayAreAllKept() {
        assertThat(dedup.accept(info('0'), 0)).isTrue();
        assertThat(dedup.accept(info('0'), 200 * MS)).isTrue();
        assertThat(dedup.accept(rtp('7'), 300 * MS)).isTrue();
        assertThat(dedup.accept(rtp('7'), 400 * MS)).isTrue();
    }

    @Test
    void theSameDigitTheOtherWayAfterTheWindowIsANewPress() {
        assertThat(dedup.accept(rtp('3'), 0)).isTrue();
        assertThat(dedup.accept(info('3'), 700 * MS)).isTrue();
    }

    @Test
    void anotherDigitTheOtherWayIsNotPairedWithIt() {
        assertThat(dedup.accept(rtp('4'), 0)).isTrue();
        assertThat(dedup.accept(info('6'), 50 * MS)).isTrue();
    }
}
