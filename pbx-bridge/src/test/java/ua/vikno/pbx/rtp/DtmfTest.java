package ua.vikno.pbx.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DtmfTest {

    @Nested
    class TelephoneEventPayload {
        @Test
        void decodesEventEndVolumeAndDuration() {
            assertThat(TelephoneEvent.decode(HexFormat.of().parseHex("058a0320")).value())
                    .isEqualTo(new TelephoneEvent(5, true, 10, 800));
        }

        @Test
        void theReservedBitIsIgnoredOnDecodeAndZeroOnEncode() {
            TelephoneEvent event = TelephoneEvent.decode(HexFormat.of().parseHex("0b4a00a0")).value();
            assertThat(event).isEqualTo(new TelephoneEvent(11, false, 10, 160));
            assertThat(event.encode()).isEqualTo(HexFormat.of().parseHex("0b0a00a0"));
        }

        @Test
        void encodingThenDecodingGivesBackTheEvent() {
            TelephoneEvent event = new TelephoneEvent(15, true, 63, 65535);
            assertThat(TelephoneEvent.decode(event.encode()).value()).isEqualTo(event);
        }

        @Test
        void aPayloadShorterThanFourOctetsIsANamedFailure() {
            assertThat(TelephoneEvent.decode(new byte[3]).failure())
                    .isEqualTo(new MediaFailure.MalformedPacket(PacketError.TOO_SHORT, "3 octets of telephone-event"));
        }
    }

    /**
     * Packets as {@code digit@timestamp:duration}, with {@code E} for the end bit and {@code s2} for another SSRC;
     * a digit may also be an event code in brackets, such as {@code [16]} for flash; {@code audio@timestamp} is an
     * audio packet of the same source.
     */
    static List<DtmfEvent> receive(String packets) {
        List<DtmfEvent> events = new ArrayList<>();
        DtmfReceiver receiver = new DtmfReceiver(8000, events::add);
        for (String p : packets.trim().split("\\s+")) {
            if (p.startsWith("audio@")) {
                receiver.onAudio(1, Long.parseLong(p.substring(6)));
                continue;
            }
            boolean end = p.contains("E");
            long ssrc = p.contains("s2") ? 2 : 1;
            String[] parts = p.replaceAll("E|s2", "").split("[@:]");
            int code = parts[0].startsWith("[") ? Integer.parseInt(parts[0].replaceAll("[\\[\\]]", ""))
                    : DtmfDigit.ofSymbol(parts[0].charAt(0)).orElseThrow().eventCode();
            receiver.onEvent(ssrc, Long.parseLong(parts[1]), new TelephoneEvent(code, end, 10, Integer.parseInt(parts[2])));
        }
        return events;
    }

    static Stream<Arguments> eventStreams() {
        return Stream.of(
                Arguments.of("start, updates and the end sent three times",
                        "5@1000:160 5@1000:320 5@1000:480 5@1000:640E 5@1000:640E 5@1000:640E", "5"),
                Arguments.of("a short press of 100 ms", "1@0:400E 1@0:800E 1@0:800E", "1"),
                Arguments.of("a long press of 250 ms", "2@0:160 2@0:960 2@0:1760 2@0:2000E 2@0:2000E 2@0:2000E", "2"),
                Arguments.of("the same digit pressed twice",
                        "7@0:160 7@0:800E 7@0:800E 7@0:800E 7@2400:160 7@2400:800E 7@2400:800E 7@2400:800E", "77"),
                Arguments.of("a menu choice of three digits",
                        "2@0:800E 2@0:800E 2@0:800E 1@4000:800E 1@4000:800E #@8000:800E", "21#"),
                Arguments.of("every end packet lost, revealed by the next digit", "4@0:160 4@0:320 9@4000:800E", "49"),
                Arguments.of("every end packet lost, revealed by audio resuming after the event",
                        "4@0:160 4@0:320 audio@1600", "4"),
                Arguments.of("audio sent during the event does not end it early",
                        "4@0:160 audio@160 audio@320 4@0:480 audio@480 audio@640 4@0:800E 4@0:800E", "4"),
                Arguments.of("audio before any event reports nothing", "audio@0 audio@160", ""),
                Arguments.of("the start lost, only end packets arrive", "8@500:1200E 8@500:1200E", "8"),
                Arguments.of("an update reordered after the end", "3@0:160 3@0:800E 3@0:480 3@0:800E", "3"),
                Arguments.of("a stale packet of the previous digit after the next began",
                        "3@0:800E 6@4000:160 3@0:800E 6@4000:800E", "36"),
                Arguments.of("flash and other non-DTMF events are ignored", "[16]@0:800E [16]@0:800E 0@4000:800E", "0"),
                Arguments.of("a digit across the timestamp wrap",
                        "5@4294967000:800E 6@200:800E 6@200:800E", "56"),
                Arguments.of("the same timestamp from another source is a new press", "5@0:800E 5@0:800Es2", "55"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("eventStreams")
    void reportsEachKeyPressOnce(String name, String packets, String digits) {
        assertThat(receive(packets)).extracting(e -> String.valueOf(e.digit().symbol()))
                .containsExactlyElementsOf(digits.chars().mapToObj(c -> String.valueOf((char) c)).toList());
    }

    @Test
    void theDurationIsTheFirstEndPacketsInMilliseconds() {
        assertThat(receive("5@0:160 5@0:1280E 5@0:1280E"))
                .containsExactly(new DtmfEvent(DtmfDigit.FIVE, Duration.ofMillis(160), DtmfEvent.Source.RFC4733));
    }

    @Test
    void aPayloadIsReadWhereItLiesInTheDatagram() {
        List<DtmfEvent> events = new ArrayList<>();
        // Digit 5, end, volume 10, duration 1280, after a 12-octet RTP header.
        byte[] datagram = new byte[16];
        System.arraycopy(new byte[] {5, (byte) 0x8a, 0x05, 0x00}, 0, datagram, 12, 4);

        new DtmfReceiver(8000, events::add).onPayload(1, 0, datagram, 12, 4);

        assertThat(events)
                .containsExactly(new DtmfEvent(DtmfDigit.FIVE, Duration.ofMillis(160), DtmfEvent.Source.RFC4733));
    }

    @Test
    void aShortPayloadIsIgnored() {
        List<DtmfEvent> events = new ArrayList<>();
        new DtmfReceiver(8000, events::add).onPayload(1, 0, new byte[14], 12, 2);
        assertThat(events).isEmpty();
    }

    @Nested
    class SipInfo {
        final SipInfoDtmf info = new SipInfoDtmf();

        @ParameterizedTest(name = "{0} ''{1}'' is {2} for {3} ms")
        @CsvSource(delimiter = '|', value = {
            "application/dtmf-relay                 | Signal=5\\r\\nDuration=160\\r\\n | FIVE  | 160",
            "application/dtmf-relay; charset=UTF-8  | signal= *\\nduration=250       | STAR  | 250",
            "Application/DTMF-Relay                 | Signal=#\\r\\nDuration=100     | POUND | 100",
            "application/dtmf-relay                 | Signal=10                      | STAR  | 0",
            "application/dtmf-relay                 | Signal=d\\r\\nDuration=x       | D     | 0",
            "application/dtmf                       | 7                              | SEVEN | 0",
            "application/dtmf                       | 11\\r\\n                       | POUND | 0",
        })
        void decodesTheDigitAndDuration(String contentType, String body, DtmfDigit digit, long millis) {
            assertThat(info.accepts(contentType)).isTrue();
            assertThat(info.decode(contentType, unescape(body)).value())
                    .isEqualTo(new DtmfEvent(digit, Duration.ofMillis(millis), DtmfEvent.Source.SIP_INFO));
        }

        @ParameterizedTest(name = "{0} ''{1}''")
        @CsvSource(delimiter = '|', value = {
            "application/dtmf-relay | Duration=160",
            "application/dtmf-relay | Signal=X",
            "application/dtmf-relay | Signal=16",
            "application/dtmf       | ''",
            "application/dtmf       | 55",
            "text/plain             | 5",
        })
        void bodiesWithoutADigitAreNamedFailures(String contentType, String body) {
            assertThat(info.decode(contentType, body).failure()).isInstanceOf(MediaFailure.MalformedDtmf.class);
        }

        @Test
        void otherContentTypesAreNotDtmf() {
            assertThat(info.accepts("application/sdp")).isFalse();
        }

        static String unescape(String s) {
            return s.replace("\\r", "\r").replace("\\n", "\n");
        }
    }
}
