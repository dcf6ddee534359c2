package ua.vikno.pbx.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PacketKindTest {

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    static Stream<Arguments> datagrams() {
        return Stream.of(
                Arguments.of("PCMU packet", "80 00 0001 00000000 00000001 ff", PacketKind.RTP),
                Arguments.of("telephone-event with marker", "80 e5 0001 00000000 00000001 05800000", PacketKind.RTP),
                Arguments.of("RTCP sender report", "80 c8 0006 00000001 00000000", PacketKind.RTCP),
                Arguments.of("RTCP receiver report", "81 c9 0007 00000001", PacketKind.RTCP),
                Arguments.of("RTCP XR at the top of the range", "80 df 0001 00000001", PacketKind.RTCP),
                Arguments.of("STUN Binding Request", "0001 0000 2112a442 0102030405060708090a0b0c", PacketKind.STUN),
                Arguments.of("STUN-like without magic cookie", "0001 0000 00000000 0102030405060708090a0b0c",
                        PacketKind.UNKNOWN),
                Arguments.of("DTLS handshake", "16 fefd 0000000000000000", PacketKind.UNKNOWN),
                Arguments.of("ASCII garbage", "68656c6c6f", PacketKind.UNKNOWN),
                Arguments.of("one octet", "80", PacketKind.UNKNOWN));
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("datagrams")
    void classifiesByTheFirstOctets(String name, String bytes, PacketKind expected) {
        byte[] data = hex(bytes);
        assertThat(PacketKind.of(data, data.length)).isEqualTo(expected);
    }

    @Test
    void anRtcpHeaderIsRecognisedWithItsTypeAndSsrc() {
        byte[] data = hex("81 c9 0007 0000abcd");
        RtcpPacket rtcp = RtcpPacket.decodeHeader(data, data.length).value();
        assertThat(rtcp).isEqualTo(new RtcpPacket(RtcpPacket.Type.RR, 1, 7, 0xabcdL));
    }

    @Test
    void rtpIsNotMistakenForRtcp() {
        byte[] data = hex("80 00 0001 00000000 00000001");
        assertThat(RtcpPacket.decodeHeader(data, data.length).failure())
                .isEqualTo(new MediaFailure.MalformedPacket(PacketError.NOT_RTP, "not RTCP"));
    }
}
