package ua.vikno.pbx.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class G711Test {

    /** Reference values of the CCITT G.711 tables (as in the Sun reference implementation g711.c). */
    static Stream<Arguments> knownVectors() {
        return Stream.of(
                Arguments.of(G711.PCMU, "zero", 0, 0xff, 0),
                Arguments.of(G711.PCMU, "minus one", -1, 0x7f, 0),
                Arguments.of(G711.PCMU, "a thousand", 1000, 0xce, 988),
                Arguments.of(G711.PCMU, "positive full scale", 32767, 0x80, 32124),
                Arguments.of(G711.PCMU, "negative full scale", -32768, 0x00, -32124),
                Arguments.of(G711.PCMA, "zero", 0, 0xd5, 8),
                Arguments.of(G711.PCMA, "minus one", -1, 0x55, -8),
                Arguments.of(G711.PCMA, "a thousand", 1000, 0xfa, 1008),
                Arguments.of(G711.PCMA, "positive full scale", 32767, 0xaa, 32256),
                Arguments.of(G711.PCMA, "negative full scale", -32768, 0x2a, -32256));
    }

    @ParameterizedTest(name = "{0} {1}: {2} -> 0x{3} -> {4}")
    @MethodSource("knownVectors")
    void encodesAndDecodesTheReferenceValues(G711 law, String name, int sample, int code, int decoded) {
        assertThat(law.encode((short) sample) & 0xff).isEqualTo(code);
        assertThat(law.decode((byte) code)).isEqualTo((short) decoded);
    }

    @Nested
    class RoundTrips {
        @ParameterizedTest
        @EnumSource(G711.class)
        void everyDecodedValueEncodesBackToTheSameLevel(G711 law) {
            for (int code = 0; code < 256; code++) {
                short level = law.decode((byte) code);
                assertThat(law.decode(law.encode(level))).as("code %02x", code).isEqualTo(level);
            }
        }

        @ParameterizedTest
        @EnumSource(G711.class)
        void decodingIsMonotonicInTheSample(G711 law) {
            for (int s = Short.MIN_VALUE; s < Short.MAX_VALUE; s++) {
                assertThat(law.decode(law.encode((short) (s + 1)))).isGreaterThanOrEqualTo(law.decode(law.encode((short) s)));
            }
        }

        @ParameterizedTest
        @EnumSource(G711.class)
        void aLoudSineKeepsASignalToNoiseRatioAboveThirtyDecibels(G711 law) {
            double signal = 0;
            double noise = 0;
            for (int i = 0; i < 8000; i++) {
                short s = (short) Math.round(20000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0 + 0.3));
                double error = law.decode(law.encode(s)) - s;
                signal += (double) s * s;
                noise += error * error;
            }
            assertThat(10 * Math.log10(signal / noise)).isGreaterThan(30);
        }
    }

    @Nested
    class Transcoding {
        @Test
        void muLawSilenceAndFullScaleBecomeTheirALawCodes() {
            G711Transcoder t = new G711Transcoder(G711.PCMU, G711.PCMA);
            assertThat(t.transcode(new byte[] {(byte) 0xff, (byte) 0x7f, (byte) 0x00, (byte) 0x80}))
                    .containsExactly(0xd5, 0xd5, 0x2a, 0xaa);
        }

        @ParameterizedTest
        @EnumSource(G711.class)
        void thereAndBackStaysWithinOneQuantisationStep(G711 from) {
            G711 to = from == G711.PCMU ? G711.PCMA : G711.PCMU;
            G711Transcoder there = new G711Transcoder(from, to);
            G711Transcoder back = new G711Transcoder(to, from);
            for (int code = 0; code < 256; code++) {
                byte[] original = {(byte) code};
                short before = from.decode(original[0]);
                short after = from.decode(back.transcode(there.transcode(original))[0]);
                assertThat(Math.abs(after - before)).as("code %02x", code)
                        .isLessThanOrEqualTo(Math.max(16, Math.abs(before) / 8));
            }
        }

        @Test
        void theInputPayloadIsLeftUntouched() {
            byte[] payload = {1, 2, 3};
            new G711Transcoder(G711.PCMA, G711.PCMU).transcode(payload);
            assertThat(payload).containsExactly(1, 2, 3);
        }
    }
}
