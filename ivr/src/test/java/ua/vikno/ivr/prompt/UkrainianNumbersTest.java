package ua.vikno.ivr.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ua.vikno.ivr.prompt.UkrainianNumbers.Gender;
import ua.vikno.ivr.prompt.UkrainianNumbers.PluralForm;

class UkrainianNumbersTest {

    @ParameterizedTest(name = "{0} {1} is spoken {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1   | MASCULINE | number-1
            1   | FEMININE  | number-1f
            2   | FEMININE  | number-2f
            3   | FEMININE  | number-3
            11  | FEMININE  | number-11
            12  | FEMININE  | number-12
            19  | MASCULINE | number-19
            20  | MASCULINE | number-20
            21  | FEMININE  | number-20 number-1f
            22  | MASCULINE | number-20 number-2
            99  | MASCULINE | number-90 number-9
            100 | MASCULINE | number-100
            101 | FEMININE  | number-100 number-1f
            112 | MASCULINE | number-100 number-12
            345 | MASCULINE | number-300 number-40 number-5
            999 | MASCULINE | number-900 number-90 number-9
            1200| MASCULINE | number-900 number-90 number-9
            0   | MASCULINE | number-1
            """)
    void speaksCardinalNumbersAsPrompts(int n, Gender gender, String words) {
        assertThat(UkrainianNumbers.words(n, gender)).containsExactlyElementsOf(Arrays.asList(words.split(" ")));
    }

    @ParameterizedTest(name = "{0} хвилин(а/и): {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1   | ONE
            2   | FEW
            4   | FEW
            5   | MANY
            10  | MANY
            11  | MANY
            12  | MANY
            14  | MANY
            20  | MANY
            21  | ONE
            22  | FEW
            25  | MANY
            101 | ONE
            111 | MANY
            112 | MANY
            124 | FEW
            """)
    void choosesTheNounsFormByTheLastDigits(int n, PluralForm form) {
        assertThat(UkrainianNumbers.pluralOf(n)).isEqualTo(form);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1", "7", "13", "21", "58", "100", "117", "999"})
    void everySpokenWordIsAKnownPrompt(int n) {
        List<String> all = UkrainianNumbers.allIds();
        assertThat(all).containsAll(UkrainianNumbers.words(n, Gender.MASCULINE))
                .containsAll(UkrainianNumbers.words(n, Gender.FEMININE));
    }
}
