package ua.vikno.pbx.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtpPacketCodecTest {
    final RtpPacketDecoder decoder = new RtpPacketDecoder();
    final RtpPacketEncoder encoder = new RtpPacketEncoder();

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    @Nested
    class ValidPackets {
        @Test
        void aPlainPcmuPacketDecodesEveryHeaderField() {
            RtpPacket p = decoder.decode(hex("80 00 1234 000000a0 deadbeef ff7f00")).value();
            assertThat(p.marker()).isFalse();
            assertThat(p.payloadType()).isZero();
            assertThat(p.sequenceNumber()).isEqualTo(0x1234);
            assertThat(p.timestamp()).isEqualTo(160);
            assertThat(p.ssrc()).isEqualTo(0xdeadbeefL);
            assertThat(p.payload()).containsExactly(0xff, 0x7f, 0x00);
        }

        @Test
        void theMarkerBitAndADynamicPayloadTypeShareTheSecondOctet() {
            RtpPacket p = decoder.decode(hex("80 e5 ffff ffffffff 00000001")).value();
            assertThat(p.marker()).isTrue();
            assertThat(p.payloadType()).isEqualTo(101);
            assertThat(p.sequenceNumber()).isEqualTo(65535);
            assertThat(p.timestamp()).isEqualTo(0xffffffffL);
            assertThat(p.payload()).isEmpty();
        }

        @Test
        void csrcsAreListedInOrder() {
            RtpPacket p = decoder.decode(hex("82 08 0001 00000000 00000001 00000011 00000022 d5d5")).value();
            assertThat(p.csrcs()).containsExactly(0x11L, 0x22L);
            assertThat(p.payload()).containsExactly(0xd5, 0xd5);
        }

        @Test
        void paddingIsStrippedFromThePayloadAndRemembered() {
            RtpPacket p = decoder.decode(hex("a0 00 0001 00000000 00000001 aabb 000003")).value();
            assertThat(p.payload()).containsExactly(0xaa, 0xbb);
            assertThat(p.padding()).isEqualTo(3);
        }

        @Test
        void aHeaderExtensionIsSeparatedFromThePayload() {
            RtpPacket p = decoder.decode(hex("90 00 0001 00000000 00000001 bede 0001 10ff0000 cc")).value();
            assertThat(p.extension()).contains(new RtpPacket.HeaderExtension(0xbede, hex("10ff0000")));
            assertThat(p.payload()).containsExactly(0xcc);
        }
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty datagram", "", PacketError.TOO_SHORT),
                Arguments.of("eleven octets", "80 00 0001 00000000 000000", PacketError.TOO_SHORT),
                Arguments.of("version 1", "40 00 0001 00000000 00000001", PacketError.BAD_VERSION),
                Arguments.of("version 0 (STUN-like)", "00 01 0000 2112a442 00000000", PacketError.BAD_VERSION),
                Arguments.of("three CSRCs announced, one present", "83 00 0001 00000000 00000001 00000011",
                        PacketError.CSRC_OVERRUN),
                Arguments.of("extension bit without extension header", "90 00 0001 00000000 00000001 bede",
                        PacketError.EXTENSION_OVERRUN),
                Arguments.of("extension longer than the datagram", "90 00 0001 00000000 00000001 bede 0004 00000000",
                        PacketError.EXTENSION_OVERRUN),
                Arguments.of("padding count zero", "a0 00 0001 00000000 00000001 aa00", PacketError.BAD_PADDING),
                Arguments.of("padding longer than the payload", "a0 00 0001 00000000 00000001 aa09",
                        PacketError.BAD_PADDING),
                Arguments.of("padding bit on a header-only packet", "a0 00 0001 00000000 00000001",
                        PacketError.BAD_PADDING));
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("malformed")
    void malformedDatagramsAreNamedFailuresNotExceptions(String name, String bytes, PacketError expected) {
        Outcome<RtpPacket> outcome = decoder.decode(hex(bytes));
        assertThat(outcome.isOk()).isFalse();
        assertThat(outcome.failure()).isInstanceOfSatisfying(MediaFailure.MalformedPacket.class,
                f -> assertThat(f.error()).isEqualTo(expected));
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("malformed")
    void readingOnlyTheHeaderNamesTheSameFailures(String name, String bytes, PacketError expected) {
        byte[] data = hex(bytes);
        Outcome<RtpHeader> outcome = decoder.readHeader(data, data.length);
        assertThat(outcome.isOk()).isFalse();
        assertThat(outcome.failure()).isInstanceOfSatisfying(MediaFailure.MalformedPacket.class,
                f -> assertThat(f.error()).isEqualTo(expected));
    }

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("plain PCMU", "80 00 1234 000000a0 deadbeef ff7f00"),
                Arguments.of("marker, dynamic type, no payload", "80 e5 ffff ffffffff 00000001"),
                Arguments.of("two CSRCs", "82 08 0001 00000000 00000001 00000011 00000022 d5d5"),
                Arguments.of("padding", "a0 00 0001 00000000 00000001 aabb 000003"),
                Arguments.of("header extension", "90 00 0001 00000000 00000001 bede 0001 10ff0000 cc"),
                Arguments.of("all of them", "b1 e5 0001 00000000 00000001 00000011 bede 0001 10ff0000 cafe 02"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void theHeaderReadWhereItLiesAgreesWithTheDecodedPacket(String name, String bytes) {
        byte[] data = hex(bytes);
        RtpPacket packet = decoder.decode(data).value();
        RtpHeader header = decoder.readHeader(data, data.length).value();
        assertThat(header).isEqualTo(new RtpHeader(packet.marker(), packet.payloadType(), packet.sequenceNumber(),
                packet.timestamp(), packet.ssrc(), header.payloadOffset(), header.payloadEnd()));
        assertThat(java.util.Arrays.copyOfRange(data, header.payloadOffset(), header.payloadEnd()))
                .isEqualTo(packet.payload());
    }

    @Test
    void everyTruncationOfAValidPacketDecodesOrFailsWithoutThrowing() {
        byte[] full = hex("b1 e5 0001 00000000 00000001 00000011 bede 0001 10ff0000 cafe 02");
        for (int length = 0; length <= full.length; length++) {
            assertThat(decoder.decode(full, length)).isNotNull();
        }
    }

    static Stream<Arguments> roundTrips() {
        return Stream.of(
                Arguments.of("plain", RtpPacket.of(false, 0, 7, 1120, 0x1234L, new byte[160])),
                Arguments.of("marker and max fields", RtpPacket.of(true, 127, 65535, 0xffffffffL, 0xffffffffL,
                        hex("0102"))),
                Arguments.of("csrcs, extension and padding", new RtpPacket(false, 8, 1, 2, 3, List.of(4L, 5L),
                        Optional.of(new RtpPacket.HeaderExtension(0x1000, hex("0102030405060708"))), hex("aa"), 4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void encodingThenDecodingGivesBackThePacket(String name, RtpPacket packet) {
        byte[] wire = encoder.encode(packet);
        assertThat(wire).hasSize(encoder.size(packet));
        assertThat(decoder.decode(wire).value()).isEqualTo(packet);
    }

    @Test
    void theEncoderWritesTheKnownWireForm() {
        assertThat(encoder.encode(RtpPacket.of(true, 101, 0x1234, 160, 0xdeadbeefL, hex("0a"))))
                .isEqualTo(hex("80 e5 1234 000000a0 deadbeef 0a"));
    }
}
