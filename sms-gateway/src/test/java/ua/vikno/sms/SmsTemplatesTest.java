package ua.vikno.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ua.vikno.config.Sms;

class SmsTemplatesTest {
    static final Sms SAMPLE = SampleConfig.SMS;

    @Nested
    class Rendering {
        final SmsTemplates templates = new SmsTemplates(Map.of(
                Sms.Template.REGISTERED, "Звернення №{number} зареєстровано. Тел. {office_phone}",
                Sms.Template.ASSIGNED, "Звернення №{number} передано: {department}, {date}. {site}",
                Sms.Template.RESOLVED, "Статус: {status}"));

        @Test
        void putsTheValuesInPlaceOfThePlaceholders() {
            assertThat(templates.render(Sms.Template.REGISTERED, Map.of("number", "2026-000123", "office_phone", "+380441234567")))
                    .isEqualTo("Звернення №2026-000123 зареєстровано. Тел. +380441234567");
        }

        @Test
        void rendersEveryPlaceholderOfATemplate() {
            assertThat(templates.render(Sms.Template.ASSIGNED, Map.of("number", "2026-000007", "department", "Водопостачання",
                    "date", "26.11.2026", "site", "obolon.example.ua")))
                    .isEqualTo("Звернення №2026-000007 передано: Водопостачання, 26.11.2026. obolon.example.ua");
        }

        @Test
        void takesValuesLiterallyEvenWithDollarsAndBackslashes() {
            assertThat(templates.render(Sms.Template.RESOLVED, Map.of("status", "$1 \\ok")))
                    .isEqualTo("Статус: $1 \\ok");
        }

        @Test
        void namesTheMissingPlaceholder() {
            assertThatThrownBy(() -> templates.render(Sms.Template.REGISTERED, Map.of("number", "2026-000123")))
                    .isInstanceOf(SmsFailure.InvalidMessage.class)
                    .hasMessageContaining("'registered'").hasMessageContaining("{office_phone}");
        }

        @Test
        void namesATemplateWithNoText() {
            assertThatThrownBy(() -> templates.render(Sms.Template.REOPENED, Map.of()))
                    .isInstanceOf(SmsFailure.InvalidMessage.class).hasMessageContaining("'reopened'");
        }
    }

    @Nested
    class TheSampleConfiguration {
        @Test
        void rendersEveryTemplateInUkrainianWithinOneSms() {
            SmsTemplates templates = SmsTemplates.of(SAMPLE);
            Map<String, String> values = Map.of("number", "2026-000123", "status", "виконано", "department", "Ліфти",
                    "office_phone", "+380441234567", "date", "26.11.2026", "site", "example.ua");
            for (Sms.Template t : Sms.Template.values()) {
                String text = templates.render(t, values);
                assertThat(text).as(t.key()).contains("2026-000123").doesNotContain("{");
                assertThat(SmsEncoder.alphabetOf(text)).as(t.key()).isEqualTo(SmsAlphabet.UCS2);
                assertThat(SmsEncoder.partCount(text)).as(t.key()).isEqualTo(1);
            }
        }

        @ParameterizedTest(name = "{0} mobile: {1}")
        @CsvSource({
                "+380671234567, true",
                "+380501234567, true",
                "+380931234567, true",
                "+380441234567, false",
                "+38067123456, false",
                "0671234567, false",
                "+48601234567, false"})
        void sendsOnlyToUkrainianMobileNumbers(String number, boolean mobile) {
            assertThat(SAMPLE.isMobile(number)).isEqualTo(mobile);
        }
    }
}
