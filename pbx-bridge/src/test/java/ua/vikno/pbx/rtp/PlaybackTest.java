package ua.vikno.pbx.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import ua.vikno.pbx.rtp.internal.Playback;
import ua.vikno.pbx.rtp.internal.RtpSender;

class PlaybackTest {
    final ManualMediaClock clock = new ManualMediaClock();
    final RtpSender sender = new RtpSender(new Random(7));
    final List<RtpPacket> sent = new ArrayList<>();
    final List<PlaybackEnd> ends = new ArrayList<>();
    final WavPrompt threeFrames = WavPrompt.ofSamples("tone", Audio.tone(1000, 60, 10000));

    Playback play(WavPrompt prompt, MediaFormat format) {
        return new Playback(prompt, format, sender, bytes -> sent.add(new RtpPacketDecoder().decode(bytes).value()),
                ends::add).start(clock);
    }

    @Nested
    class APromptPlayedToTheEnd {
        @Test
        void sendsOneFramePerTickThenFinishesAndLeavesTheClock() {
            play(threeFrames, MediaFormat.of(G711.PCMU));
            clock.tick(2);
            assertThat(sent).hasSize(2);
            assertThat(ends).isEmpty();
            clock.tick(5);
            assertThat(sent).hasSize(3);
            assertThat(ends).containsExactly(PlaybackEnd.FINISHED);
            assertThat(clock.subscriberCount()).isZero();
        }

        @Test
        void numbersPacketsBySequenceAndBy160TimestampUnitsWithOneSsrc() {
            play(threeFrames, MediaFormat.of(G711.PCMU));
            clock.tick(3);
            RtpPacket first = sent.get(0);
            for (int i = 1; i < 3; i++) {
                assertThat(sent.get(i).sequenceNumber()).isEqualTo((first.sequenceNumber() + i) & 0xffff);
                assertThat(sent.get(i).timestamp()).isEqualTo((first.timestamp() + 160L * i) & 0xffffffffL);
                assertThat(sent.get(i).ssrc()).isEqualTo(first.ssrc());
            }
            assertThat(sent).extracting(RtpPacket::marker).containsExactly(true, false, false);
        }

        @ParameterizedTest
        @EnumSource(G711.class)
        void encodesEachFrameWithTheNegotiatedLawAndPayloadType(G711 law) {
            play(threeFrames, MediaFormat.of(law));
            clock.tick(3);
            assertThat(sent).extracting(RtpPacket::payloadType).containsOnly(law.payloadType());
            assertThat(sent.get(1).payload()).isEqualTo(law.encode(threeFrames.frame(1)));
        }
    }

    @Test
    void stoppingEndsOnceAndSendsNothingMore() {
        Playback playback = play(threeFrames, MediaFormat.of(G711.PCMA));
        clock.tick(1);
        playback.stop();
        playback.stop();
        clock.tick(5);
        assertThat(sent).hasSize(1);
        assertThat(ends).containsExactly(PlaybackEnd.STOPPED);
        assertThat(clock.subscriberCount()).isZero();
    }

    @Test
    void aLaterPromptContinuesTheSequenceAndItsTimestampKeepsRealTime() {
        play(threeFrames, MediaFormat.of(G711.PCMU));
        clock.tick(3);
        clock.tick(10);
        play(threeFrames, MediaFormat.of(G711.PCMU));
        clock.tick(1);
        RtpPacket lastOfFirst = sent.get(2);
        RtpPacket firstOfSecond = sent.get(3);
        assertThat(firstOfSecond.sequenceNumber()).isEqualTo((lastOfFirst.sequenceNumber() + 1) & 0xffff);
        assertThat(firstOfSecond.timestamp()).isEqualTo((lastOfFirst.timestamp() + 11 * 160L) & 0xffffffffL);
        assertThat(firstOfSecond.marker()).isTrue();
    }

    @Test
    void anEmptyPromptFinishesOnTheFirstTick() {
        play(WavPrompt.ofSamples("empty", new short[0]), MediaFormat.of(G711.PCMU));
        clock.tick(1);
        assertThat(sent).isEmpty();
        assertThat(ends).containsExactly(PlaybackEnd.FINISHED);
    }
}
