package ua.vikno.pbx.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SdpTest {
    static final SdpParser PARSER = new SdpParser();
    static final SdpAnswer.Local LOCAL = new SdpAnswer.Local("127.0.0.1", 10000, 42, 1, List.of(G711.PCMU, G711.PCMA));

    static Outcome<SdpAnswer> answer(String offer) {
        return SdpAnswer.answer(PARSER.parse(offer).value(), LOCAL);
    }

    @Nested
    class ParsingOffers {
        @Test
        void readsTheAudioStreamOfABaresipOffer() {
            MediaDescription audio = PARSER.parse(SoftphoneOffers.BARESIP).value().media().get(0);
            assertThat(audio.port()).isEqualTo(10232);
            assertThat(audio.connection()).isEqualTo("127.0.0.1");
            assertThat(audio.payloadTypes()).containsExactly(0, 8, 101);
            assertThat(audio.rtpmap(101)).contains(new RtpMap(101, "telephone-event", 8000, 1));
            assertThat(audio.ptime()).isEqualTo(OptionalInt.of(20));
            assertThat(audio.direction()).isEqualTo(MediaDirection.SENDRECV);
        }

        @Test
        void staticPayloadTypesWithoutRtpmapAreKnownByNumber() {
            MediaDescription audio = PARSER.parse(SoftphoneOffers.PCMA_ONLY_INFO_MODE).value().media().get(0);
            assertThat(audio.rtpmap(8)).contains(new RtpMap(8, "PCMA", 8000, 1));
        }

        @Test
        void crLfLineEndsAreAccepted() {
            assertThat(PARSER.parse(SoftphoneOffers.BARESIP.replace("\n", "\r\n")).value())
                    .isEqualTo(PARSER.parse(SoftphoneOffers.BARESIP).value());
        }

        @Test
        void aMediaLevelConnectionWinsOverTheSessionLevel() {
            String offer = SoftphoneOffers.BARESIP.replace("a=rtpmap:0", "c=IN IP4 10.9.9.9\na=rtpmap:0");
            assertThat(PARSER.parse(offer).value().media().get(0).connection()).isEqualTo("10.9.9.9");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "not starting with v=0            | o=- 1 1 IN IP4 1.2.3.4\\nv=0                            | 1",
            "a line without an equals sign    | v=0\\nhello                                             | 2",
            "a media line without formats     | v=0\\nc=IN IP4 1.2.3.4\\nm=audio 4000 RTP/AVP           | 3",
            "a port above 65535               | v=0\\nc=IN IP4 1.2.3.4\\nm=audio 70000 RTP/AVP 0        | 3",
            "a connection without IN IP4      | v=0\\nc=1.2.3.4\\nm=audio 4000 RTP/AVP 0                | 2",
            "an rtpmap without a clock rate   | v=0\\nc=IN IP4 1.2.3.4\\nm=audio 4000 RTP/AVP 96\\na=rtpmap:96 opus | 4",
            "media without any connection     | v=0\\nm=audio 4000 RTP/AVP 0                            | 0",
        })
        void malformedBodiesAreNamedFailuresWithTheirLine(String name, String body, int line) {
            assertThat(PARSER.parse(body.replace("\\n", "\n")).failure())
                    .isInstanceOfSatisfying(MediaFailure.MalformedSdp.class, f -> assertThat(f.line()).isEqualTo(line));
        }
    }

    static Stream<Arguments> softphoneOffers() {
        return Stream.of(
                Arguments.of("baresip", SoftphoneOffers.BARESIP, G711.PCMU, OptionalInt.of(101), "127.0.0.1", 10232),
                Arguments.of("Linphone", SoftphoneOffers.LINPHONE, G711.PCMU, OptionalInt.of(100), "192.168.1.20", 7078),
                Arguments.of("Zoiper", SoftphoneOffers.ZOIPER, G711.PCMA, OptionalInt.of(101), "10.0.0.5", 8000),
                Arguments.of("MicroSIP (PJSIP)", SoftphoneOffers.PJSIP, G711.PCMA, OptionalInt.of(96), "192.168.0.7", 4002),
                Arguments.of("INFO-mode PCMA only", SoftphoneOffers.PCMA_ONLY_INFO_MODE, G711.PCMA, OptionalInt.empty(),
                        "172.16.0.9", 30000),
                Arguments.of("video first", SoftphoneOffers.VIDEO_FIRST, G711.PCMU, OptionalInt.of(101), "127.0.0.1", 10242));
    }

    @Nested
    class AnsweringSoftphones {
        @ParameterizedTest(name = "{0}: {2}, telephone-event {3}")
        @MethodSource("ua.vikno.pbx.rtp.SdpTest#softphoneOffers")
        void agreesOnTheOfferersFirstG711AndItsTelephoneEventPayloadType(String name, String offer, G711 codec,
                                                                         OptionalInt event, String address, int port) {
            SdpAnswer answer = answer(offer).value();
            assertThat(answer.codec()).isEqualTo(codec);
            assertThat(answer.payloadType()).isEqualTo(codec.payloadType());
            assertThat(answer.telephoneEvent()).isEqualTo(event);
            assertThat(answer.remoteAddress()).isEqualTo(address);
            assertThat(answer.remotePort()).isEqualTo(port);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("ua.vikno.pbx.rtp.SdpTest#softphoneOffers")
        void theAnswerIsItselfValidSdpThatAgreesWithTheRecord(String name, String offer, G711 codec, OptionalInt event,
                                                               String address, int port) {
            SdpAnswer answer = answer(offer).value();
            SessionDescription reparsed = PARSER.parse(answer.body()).value();
            MediaDescription audio = reparsed.media().stream().filter(m -> m.port() != 0).findFirst().orElseThrow();
            assertThat(reparsed.media()).hasSameSizeAs(PARSER.parse(offer).value().media());
            assertThat(audio.connection()).isEqualTo("127.0.0.1");
            assertThat(audio.port()).isEqualTo(10000);
            assertThat(audio.ptime()).isEqualTo(OptionalInt.of(20));
            assertThat(audio.rtpmap(answer.payloadType()).flatMap(RtpMap::g711)).contains(codec);
            event.ifPresent(e -> assertThat(audio.rtpmap(e)).contains(new RtpMap(e, "telephone-event", 8000, 1)));
        }

        @Test
        void theBaresipAnswerReadsAsExpected() {
            assertThat(answer(SoftphoneOffers.BARESIP).value().body()).isEqualTo("""
                    v=0\r
                    o=vikno 42 1 IN IP4 127.0.0.1\r
                    s=Vikno\r
                    c=IN IP4 127.0.0.1\r
                    t=0 0\r
                    m=audio 10000 RTP/AVP 0 101\r
                    a=rtpmap:0 PCMU/8000\r
                    a=rtpmap:101 telephone-event/8000\r
                    a=fmtp:101 0-15\r
                    a=ptime:20\r
                    a=sendrecv\r
                    """);
        }

        @Test
        void aRejectedVideoStreamIsAnsweredWithPortZero() {
            assertThat(answer(SoftphoneOffers.VIDEO_FIRST).value().body()).contains("m=video 0 RTP/AVP 96\r\n");
        }

        @Test
        void onlyTheLawsWeAcceptAreChosen() {
            SdpAnswer.Local pcmaOnly = new SdpAnswer.Local("127.0.0.1", 10000, 1, 1, List.of(G711.PCMA));
            assertThat(SdpAnswer.answer(PARSER.parse(SoftphoneOffers.BARESIP).value(), pcmaOnly).value().codec())
                    .isEqualTo(G711.PCMA);
        }
    }

    @Nested
    class HoldAndDirections {
        @ParameterizedTest(name = "offer {0} is answered {1}")
        @CsvSource({"sendrecv, SENDRECV", "sendonly, RECVONLY", "recvonly, SENDONLY", "inactive, INACTIVE"})
        void theAnswerMirrorsTheOfferedDirection(String offered, MediaDirection answered) {
            SdpAnswer answer = answer(SoftphoneOffers.baresipWith(offered)).value();
            assertThat(answer.direction()).isEqualTo(answered);
            assertThat(answer.body()).contains("a=" + answered.attribute() + "\r\n");
        }

        @Test
        void aSessionLevelDirectionAppliesToTheMedia() {
            String offer = SoftphoneOffers.PCMA_ONLY_INFO_MODE.replace("t=0 0", "t=0 0\na=sendonly");
            assertThat(answer(offer).value().direction()).isEqualTo(MediaDirection.RECVONLY);
        }

        @ParameterizedTest(name = "RFC 2543 hold with {0} is answered {1}")
        @CsvSource({"sendrecv, RECVONLY", "sendonly, RECVONLY", "recvonly, INACTIVE"})
        void aNullConnectionAddressMeansWeCannotSend(String offered, MediaDirection answered) {
            String offer = SoftphoneOffers.baresipWith(offered).replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0");
            assertThat(answer(offer).value().direction()).isEqualTo(answered);
        }
    }

    @Nested
    class Refusals {
        @Test
        void anOfferWithoutG711IsNoCommonCodecListingWhatWasOffered() {
            assertThat(answer(SoftphoneOffers.NO_G711).failure())
                    .isEqualTo(new MediaFailure.NoCommonCodec(List.of("G722/8000", "G729/8000", "opus/48000/2")));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "SRTP only                   | RTP/SAVP    | 10242",
            "the audio stream disabled   | RTP/AVP     | 0",
        })
        void anOfferWithoutAUsableAudioStreamIsNoCommonCodec(String name, String protocol, int port) {
            String offer = SoftphoneOffers.SRTP_ONLY.replace("RTP/SAVP", protocol).replace("10242", String.valueOf(port));
            assertThat(answer(offer).failure()).isInstanceOf(MediaFailure.NoCommonCodec.class);
        }

        @Test
        void anOfferWithoutMediaIsNoCommonCodec() {
            assertThat(answer("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nt=0 0\n").failure())
                    .isEqualTo(new MediaFailure.NoCommonCodec(List.of()));
        }
    }
}
