package ua.vikno.pbx.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import ua.vikno.pbx.rtp.internal.Counters;
import ua.vikno.pbx.rtp.internal.ReceiveChain;
import ua.vikno.pbx.rtp.internal.ReceivedDatagram;

class ReceiveChainTest {
    static final RtpPeer PHONE = new RtpPeer("127.0.0.1", 40000);
    static final RtpPeer STRANGER = new RtpPeer("127.0.0.1", 40002);
    static final MediaFormat PCMA_WITH_EVENTS_96 = MediaFormat.of(G711.PCMA).withTelephoneEvent(96);

    final AtomicLong now = new AtomicLong(5_000_000_000L);
    final Counters counters = new Counters();
    final AtomicInteger inactive = new AtomicInteger();
    final List<RtpPeer> latches = new ArrayList<>();
    final List<DtmfEvent> digits = new ArrayList<>();
    final List<short[]> audio = new ArrayList<>();
    final ReceiveChain chain = new ReceiveChain(counters, now::get, Duration.ofSeconds(30), inactive::incrementAndGet,
            latches::add);
    final RtpPacketEncoder encoder = new RtpPacketEncoder();
    int seq = 100;

    ReceiveChainTest() {
        chain.format(PCMA_WITH_EVENTS_96);
        chain.onDigit(digits::add);
        chain.onAudio(audio::add);
    }

    void receive(RtpPeer from, byte[] data) {
        chain.accept(new ReceivedDatagram(data, from, now.get()));
    }

    void receiveAudio(RtpPeer from) {
        receive(from, encoder.encode(RtpPacket.of(false, 8, seq, 160L * seq, 0xabc, G711.PCMA.encode(new short[160]))));
        seq++;
    }

    void receiveEvent(int event, boolean end, int duration, long timestamp) {
        receive(PHONE, encoder.encode(RtpPacket.of(false, 96, seq++, timestamp, 0xabc,
                new TelephoneEvent(event, end, 10, duration).encode())));
    }

    @Nested
    class WhatIsNotRtp {
        @Test
        void stunGarbageRtcpAndMalformedRtpAreCountedDroppedAndDoNotLatch() {
            receive(STRANGER, HexFormat.of().parseHex("000100002112a442000102030405060708090a0b"));
            receive(STRANGER, "GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            receive(STRANGER, HexFormat.of().parseHex("81c900070000abcd"));
            receive(STRANGER, HexFormat.of().parseHex("8300000100000000000000010000"));
            assertThat(counters.snapshot()).isEqualTo(new RtpCounters(0, 0, 1, 1, 1, 1, 0, 0));
            assertThat(chain.latched()).isEmpty();
            receiveAudio(PHONE);
            assertThat(chain.latched()).contains(PHONE);
            assertThat(audio).hasSize(1);
        }
    }

    @Nested
    class Latching {
        @Test
        void theFirstValidRtpPacketChoosesThePeerOnce() {
            receiveAudio(PHONE);
            receiveAudio(PHONE);
            assertThat(latches).containsExactly(PHONE);
        }

        @Test
        void rtpFromAnotherAddressAfterLatchingIsDropped() {
            receiveAudio(PHONE);
            receiveAudio(STRANGER);
            assertThat(counters.snapshot().foreignSource()).isEqualTo(1);
            assertThat(audio).hasSize(1);
        }
    }

    @Nested
    class Routing {
        @Test
        void audioIsDecodedWithTheNegotiatedLawAndCounted() {
            receiveAudio(PHONE);
            assertThat(audio.get(0)).hasSize(160).containsOnly(G711.PCMA.decode(G711.PCMA.encode((short) 0)));
            assertThat(chain.report().received()).isEqualTo(1);
        }

        @Test
        void telephoneEventsOnTheOfferedPayloadTypeBecomeOneDigitAndCountAsPackets() {
            receiveEvent(5, false, 160, 8000);
            receiveEvent(5, true, 800, 8000);
            receiveEvent(5, true, 800, 8000);
            receiveEvent(5, true, 800, 8000);
            assertThat(digits).extracting(DtmfEvent::digit).containsExactly(DtmfDigit.FIVE);
            assertThat(chain.report().received()).isEqualTo(4);
            assertThat(audio).isEmpty();
        }

        @Test
        void everyAcceptedPacketAndNoDroppedOneReachesTheRelayListener() {
            List<byte[]> relayed = new ArrayList<>();
            chain.onDatagram(relayed::add);
            receiveAudio(PHONE);
            receiveEvent(5, true, 800, 8000);
            receiveAudio(STRANGER);
            receive(PHONE, encoder.encode(RtpPacket.of(false, 0, 1, 0, 1, new byte[160])));
            assertThat(relayed).extracting(d -> new RtpPacketDecoder().decode(d).value().payloadType())
                    .containsExactly(8, 96);
        }

        @Test
        void audioNobodyWantsIsNotDecodedButStillCountedAndRelayed() {
            List<byte[]> relayed = new ArrayList<>();
            chain.onDatagram(relayed::add);
            chain.onAudio(audio::add, () -> false);
            receiveAudio(PHONE);
            assertThat(audio).isEmpty();
            assertThat(chain.report().received()).isEqualTo(1);
            assertThat(relayed).hasSize(1);
        }

        @Test
        void theDecodedAudioIsTheArrivedPayloadEvenWhenTheRelayRewritesTheDatagram() {
            chain.onDatagram(new RtpTranslator(PCMA_WITH_EVENTS_96, MediaFormat.of(G711.PCMU))::translateInPlace);
            short[] tone = new short[160];
            for (int i = 0; i < tone.length; i++) {
                tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
            }
            receive(PHONE, encoder.encode(RtpPacket.of(false, 8, seq++, 0, 0xabc, G711.PCMA.encode(tone))));
            assertThat(audio.get(0)).isEqualTo(G711.PCMA.decode(G711.PCMA.encode(tone)));
        }

        @Test
        void theDatagramOfEveryAcceptedPacketReachesTheRelayAsItArrived() {
            List<byte[]> relayed = new ArrayList<>();
            chain.onDatagram(relayed::add);
            receiveAudio(PHONE);
            receiveAudio(STRANGER);
            receive(PHONE, encoder.encode(RtpPacket.of(false, 0, 1, 0, 1, new byte[160])));
            assertThat(relayed).hasSize(1);
            assertThat(new RtpPacketDecoder().decode(relayed.get(0)).value().payloadType()).isEqualTo(8);
        }

        @Test
        void aPayloadTypeThatWasNotNegotiatedIsDropped() {
            receive(PHONE, encoder.encode(RtpPacket.of(false, 0, 1, 0, 1, new byte[160])));
            assertThat(counters.snapshot().unexpectedPayload()).isEqualTo(1);
            assertThat(audio).isEmpty();
        }
    }

    @Nested
    class Inactivity {
        @Test
        void firesOnceWhenNoPacketArrivedForTheTimeout() {
            now.addAndGet(Duration.ofSeconds(29).toNanos());
            assertThat(chain.watch().check()).isFalse();
            now.addAndGet(Duration.ofSeconds(1).toNanos());
            assertThat(chain.watch().check()).isTrue();
            assertThat(chain.watch().check()).isTrue();
            assertThat(inactive).hasValue(1);
        }

        @Test
        void everyAcceptedPacketRestartsTheTimeout() {
            now.addAndGet(Duration.ofSeconds(20).toNanos());
            receiveAudio(PHONE);
            now.addAndGet(Duration.ofSeconds(20).toNanos());
            assertThat(chain.watch().check()).isFalse();
            assertThat(inactive).hasValue(0);
        }

        @Test
        void silenceIsFineWhileThePeerIsNotMeantToSend() {
            chain.watch().expectMedia(false);
            now.addAndGet(Duration.ofMinutes(10).toNanos());
            assertThat(chain.watch().check()).isFalse();
            chain.watch().expectMedia(true);
            now.addAndGet(Duration.ofSeconds(29).toNanos());
            assertThat(chain.watch().check()).isFalse();
            now.addAndGet(Duration.ofSeconds(1).toNanos());
            assertThat(chain.watch().check()).isTrue();
        }

        @Test
        void stunKeepAlivesDoNotKeepAStreamAlive() {
            now.addAndGet(Duration.ofSeconds(20).toNanos());
            receive(PHONE, HexFormat.of().parseHex("000100002112a442000102030405060708090a0b"));
            now.addAndGet(Duration.ofSeconds(10).toNanos());
            assertThat(chain.watch().check()).isTrue();
        }
    }
}
