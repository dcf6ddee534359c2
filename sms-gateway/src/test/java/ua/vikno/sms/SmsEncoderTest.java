package ua.vikno.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SmsEncoderTest {
    static final String UK = "Звернення №2026-000123 зареєстровано. Дякуємо, що повідомили про проблему! ";

    static String ukrainian(int length) {
        return UK.repeat(length / UK.length() + 1).substring(0, length);
    }

    static String latin(int length) {
        return "Appeal 2026-000123 registered. Thank you! ".repeat(length / 40 + 1).substring(0, length);
    }

    @Nested
    class ChoosingTheAlphabet {
        static Stream<Arguments> texts() {
            return Stream.of(
                    Arguments.of("plain Latin", "Appeal 2026-000123 registered", SmsAlphabet.GSM7),
                    Arguments.of("GSM specials", "@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¡¿äöñüà§", SmsAlphabet.GSM7),
                    Arguments.of("extension table", "{[~]}|^\\€", SmsAlphabet.GSM7),
                    Arguments.of("Ukrainian", "Звернення зареєстровано", SmsAlphabet.UCS2),
                    Arguments.of("one Ukrainian letter among Latin", "Appeal ї", SmsAlphabet.UCS2),
                    Arguments.of("numero sign is not GSM", "No №5", SmsAlphabet.UCS2),
                    Arguments.of("emoji", "ok 👍", SmsAlphabet.UCS2),
                    Arguments.of("grave a is GSM, acute a is not", "à á", SmsAlphabet.UCS2));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("texts")
        void picksTheAlphabetTheTextNeeds(String name, String text, SmsAlphabet expected) {
            assertThat(SmsEncoder.alphabetOf(text)).isEqualTo(expected);
            assertThat(SmsEncoder.encode(text, 1)).allSatisfy(s -> assertThat(s.alphabet()).isEqualTo(expected));
        }
    }

    @Nested
    class SplittingLongTexts {
        static Stream<Arguments> lengths() {
            return Stream.of(
                    Arguments.of("Ukrainian 70 fits one SMS", ukrainian(70), 1),
                    Arguments.of("Ukrainian 71 needs two", ukrainian(71), 2),
                    Arguments.of("Ukrainian 134 is two full parts", ukrainian(134), 2),
                    Arguments.of("Ukrainian 135 needs three", ukrainian(135), 3),
                    Arguments.of("Latin 160 fits one SMS", latin(160), 1),
                    Arguments.of("Latin 161 needs two", latin(161), 2),
                    Arguments.of("Latin 306 is two full parts", latin(306), 2),
                    Arguments.of("Latin 307 needs three", latin(307), 3),
                    Arguments.of("80 euro signs are 160 septets", "€".repeat(80), 1),
                    Arguments.of("81 euro signs are 162 septets", "€".repeat(81), 2),
                    Arguments.of("one character", "a", 1));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("lengths")
        void splitsIntoTheExpectedNumberOfParts(String name, String text, int parts) {
            List<SmsSegment> segments = SmsEncoder.encode(text, 7);
            assertThat(segments).hasSize(parts);
            assertThat(SmsEncoder.partCount(text)).isEqualTo(parts);
            assertThat(segments).allSatisfy(s -> assertThat(s.parts()).isEqualTo(parts));
            assertThat(segments.stream().map(SmsSegment::text).collect(Collectors.joining())).isEqualTo(text);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("lengths")
        void decodesBackToTheSameText(String name, String text, int parts) {
            String decoded = SmsEncoder.encode(text, 7).stream()
                    .map(s -> SmsDecoder.decode(s.alphabet().dataCoding(), s.udh(), s.shortMessage()).text())
                    .collect(Collectors.joining());
            assertThat(decoded).isEqualTo(text);
        }

        @Test
        void ucs2PartsCarry67CharactersAndAConcatenationHeader() {
            List<SmsSegment> segments = SmsEncoder.encode(ukrainian(135), 0xAB);
            assertThat(segments).extracting(s -> s.text().length()).containsExactly(67, 67, 1);
            for (SmsSegment s : segments) {
                byte[] sm = s.shortMessage();
                assertThat(s.udh()).isTrue();
                assertThat(new byte[] {sm[0], sm[1], sm[2], sm[3], sm[4], sm[5]})
                        .containsExactly(0x05, 0x00, 0x03, 0xAB, 3, s.part());
                assertThat(sm).hasSize(6 + 2 * s.text().length());
            }
        }

        @Test
        void gsm7PartsCarry153Septets() {
            List<SmsSegment> segments = SmsEncoder.encode(latin(307), 1);
            assertThat(segments).extracting(s -> s.shortMessage().length).containsExactly(6 + 153, 6 + 153, 6 + 1);
        }

        @Test
        void anEscapedCharacterIsNeverSplitAcrossParts() {
            // 152 septets of 'a' then '€' (2 septets) would overflow a 153-septet part by one
            String text = "a".repeat(152) + "€" + "b".repeat(20);
            List<SmsSegment> segments = SmsEncoder.encode(text, 1);
            assertThat(segments.get(0).text()).isEqualTo("a".repeat(152));
            assertThat(segments.get(1).text()).startsWith("€");
        }

        @Test
        void aSurrogatePairIsNeverSplitAcrossParts() {
            String text = "ї".repeat(66) + "👍" + "ї".repeat(10);
            List<SmsSegment> segments = SmsEncoder.encode(text, 1);
            assertThat(segments.get(0).text()).isEqualTo("ї".repeat(66));
            assertThat(segments.get(1).text()).startsWith("👍");
        }

        @Test
        void anUnsplitMessageHasNoHeader() {
            SmsSegment only = SmsEncoder.encode("Привіт", 1).get(0);
            assertThat(only.udh()).isFalse();
            assertThat(only.shortMessage()).hasSize(12);
        }
    }

    @Nested
    class Gsm7Septets {
        static Stream<Arguments> septets() {
            return Stream.of(
                    Arguments.of("@", new byte[] {0x00}),
                    Arguments.of("A", new byte[] {0x41}),
                    Arguments.of("£$", new byte[] {0x01, 0x02}),
                    Arguments.of("\n", new byte[] {0x0A}),
                    Arguments.of("€", new byte[] {0x1B, 0x65}),
                    Arguments.of("[", new byte[] {0x1B, 0x3C}),
                    Arguments.of("ü", new byte[] {0x7E}));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("septets")
        void encodesOneUnpackedSeptetPerOctet(String text, byte[] expected) {
            assertThat(SmsEncoder.encode(text, 0).get(0).shortMessage()).containsExactly(expected);
        }
    }

    @Test
    void refusesAnEmptyText() {
        assertThatThrownBy(() -> SmsEncoder.encode("", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesATextOfMoreThan255Parts() {
        assertThatThrownBy(() -> SmsEncoder.encode(ukrainian(67 * 256), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256 parts");
    }
}
