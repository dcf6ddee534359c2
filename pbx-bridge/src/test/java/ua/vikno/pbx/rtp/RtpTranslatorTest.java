package ua.vikno.pbx.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtpTranslatorTest {
    static final MediaFormat BARESIP = MediaFormat.of(G711.PCMU).withTelephoneEvent(101);
    static final MediaFormat PJSIP = MediaFormat.of(G711.PCMA).withTelephoneEvent(96);
    static final MediaFormat LINPHONE = MediaFormat.of(G711.PCMU).withTelephoneEvent(100);
    static final MediaFormat INFO_MODE = MediaFormat.of(G711.PCMA);
    static final byte[] TONE_PCMU = G711.PCMU.encode(Audio.tone(1000, 20, 9000));

    static RtpPacket audio(int payloadType, byte[] payload) {
        return new RtpPacket(true, payloadType, 77, 16000, 0xfeed, List.of(), Optional.empty(), payload, 0);
    }

    static Stream<Arguments> legs() {
        return Stream.of(
                Arguments.of("PCMU to PCMU relays the payload untouched", BARESIP, LINPHONE, false),
                Arguments.of("PCMU to PCMA transcodes", BARESIP, PJSIP, true),
                Arguments.of("PCMA to PCMU transcodes", PJSIP, BARESIP, true),
                Arguments.of("PCMA to PCMA relays untouched", PJSIP, INFO_MODE, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legs")
    void audioKeepsItsTimingAndTakesTheOutgoingLegsLawAndPayloadType(String name, MediaFormat from, MediaFormat to,
                                                                    boolean transcodes) {
        byte[] payload = from.codec() == G711.PCMU ? TONE_PCMU
                : new G711Transcoder(G711.PCMU, G711.PCMA).transcode(TONE_PCMU);
        RtpTranslator translator = new RtpTranslator(from, to);
        RtpPacket out = translator.translate(audio(from.payloadType(), payload)).orElseThrow();
        assertThat(translator.transcodes()).isEqualTo(transcodes);
        assertThat(out.payloadType()).isEqualTo(to.payloadType());
        assertThat(List.of(out.sequenceNumber(), out.timestamp(), out.ssrc(), out.marker()))
                .containsExactly(77, 16000L, 0xfeedL, true);
        assertThat(out.payload()).isEqualTo(transcodes ? new G711Transcoder(from.codec(), to.codec()).transcode(payload)
                : payload);
    }

    @Test
    void telephoneEventIsRenumberedToTheOtherLegsPayloadType() {
        byte[] event = new TelephoneEvent(5, true, 10, 800).encode();
        RtpPacket out = new RtpTranslator(BARESIP, PJSIP).translate(audio(101, event)).orElseThrow();
        assertThat(out.payloadType()).isEqualTo(96);
        assertThat(out.payload()).isEqualTo(event);
    }

    @Test
    void telephoneEventTowardALegWithoutItIsNotRelayed() {
        byte[] event = new TelephoneEvent(5, true, 10, 800).encode();
        assertThat(new RtpTranslator(BARESIP, INFO_MODE).translate(audio(101, event))).isEmpty();
    }

    @Test
    void aPayloadTypeThatWasNotNegotiatedIsNotRelayed() {
        assertThat(new RtpTranslator(BARESIP, PJSIP).translate(audio(8, new byte[160]))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legs")
    void rewritingTheDatagramInPlaceGivesTheWireFormOfTheTranslatedPacket(String name, MediaFormat from,
                                                                          MediaFormat to, boolean transcodes) {
        byte[] payload = from.codec() == G711.PCMU ? TONE_PCMU
                : new G711Transcoder(G711.PCMU, G711.PCMA).transcode(TONE_PCMU);
        RtpPacket in = new RtpPacket(true, from.payloadType(), 77, 16000, 0xfeed, List.of(5L, 6L),
                Optional.of(new RtpPacket.HeaderExtension(0xbede, new byte[8])), payload, 0);
        RtpTranslator translator = new RtpTranslator(from, to);
        byte[] datagram = new RtpPacketEncoder().encode(in);
        assertThat(translator.translateInPlace(datagram)).isTrue();
        assertThat(datagram).isEqualTo(new RtpPacketEncoder().encode(translator.translate(in).orElseThrow()));
    }

    @Test
    void rewritingInPlaceTranscodesOnlyThePayloadAndKeepsThePadding() {
        RtpPacket in = new RtpPacket(false, 0, 1, 160, 9, List.of(), Optional.empty(), TONE_PCMU, 4);
        byte[] datagram = new RtpPacketEncoder().encode(in);
        assertThat(new RtpTranslator(BARESIP, PJSIP).translateInPlace(datagram)).isTrue();
        RtpPacket out = new RtpPacketDecoder().decode(datagram).value();
        assertThat(out.payloadType()).isEqualTo(8);
        assertThat(out.padding()).isEqualTo(4);
        assertThat(out.payload()).isEqualTo(new G711Transcoder(G711.PCMU, G711.PCMA).transcode(TONE_PCMU));
    }

    @Test
    void telephoneEventIsRenumberedInPlaceAndWhatHasNoCounterpartIsRefused() {
        byte[] event = new RtpPacketEncoder().encode(audio(101, new TelephoneEvent(5, true, 10, 800).encode()));
        assertThat(new RtpTranslator(BARESIP, INFO_MODE).translateInPlace(event.clone())).isFalse();
        assertThat(new RtpTranslator(BARESIP, PJSIP).translateInPlace(
                new RtpPacketEncoder().encode(audio(8, new byte[160])))).isFalse();
        assertThat(new RtpTranslator(BARESIP, PJSIP).translateInPlace(event)).isTrue();
        assertThat(event[1] & 0xff).isEqualTo(0x80 | 96);
    }
}
