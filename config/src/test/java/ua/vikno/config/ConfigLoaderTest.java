package ua.vikno.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    static final Path SAMPLE = Path.of("samples/housing-services.yaml").toAbsolutePath();
    static final ConfigLoader LOADER = new ConfigLoader(Map.<String, String>of()::get);

    static String sample() throws IOException {
        return Files.readString(SAMPLE);
    }

    /** Parses the sample with one textual edit, as if the file on disk had been edited. */
    static ViknoConfig sampleWith(String from, String to) throws Exception {
        String text = sample();
        assertThat(text).as("the sample contains the text to edit").contains(from);
        return LOADER.parse(SAMPLE, text.replace(from, to));
    }

    static List<String> errorsOf(String from, String to) {
        ConfigException e = assertThrows(ConfigException.class, () -> sampleWith(from, to));
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Nested
    class TheSampleConfiguration {
        final ViknoConfig config;

        TheSampleConfiguration() throws Exception {
            config = LOADER.load(SAMPLE);
        }

        @Test
        void hasTheDepartmentsOfAHousingServicesCompany() {
            assertThat(config.departments()).containsKeys("dispatch", "water", "electricity", "accounting", "certificates");
            assertThat(config.departments().get("water").members()).containsExactly("210", "211");
            assertThat(config.departments().get("dispatch").strategy()).isEqualTo(Department.RingStrategy.LEAST_RECENT);
        }

        @Test
        void hasAnAdministratorLineAndASupervisor() {
            assertThat(config.line("100")).get().satisfies(l -> {
                assertThat(l.hasRole(Role.ADMIN)).isTrue();
                assertThat(l.dialOut()).isTrue();
            });
            assertThat(config.line("105").orElseThrow().hasRole(Role.SUPERVISOR)).isTrue();
            assertThat(config.line("200").orElseThrow().roles()).containsExactly(Role.OPERATOR);
        }

        @Test
        void worksWeekdaysWithALunchBreakAndSaturdayMorning() {
            Schedule s = config.schedule();
            assertThat(s.timeZone().getId()).isEqualTo("Europe/Kyiv");
            Schedule.Day monday = s.week().get(DayOfWeek.MONDAY);
            assertThat(monday.hours()).isEqualTo(new TimeRange(LocalTime.of(8, 0), LocalTime.of(17, 0)));
            assertThat(monday.breaks()).containsExactly(new TimeRange(LocalTime.of(12, 0), LocalTime.of(13, 0)));
            assertThat(s.week().get(DayOfWeek.SATURDAY).hours().end()).isEqualTo(LocalTime.of(13, 0));
            assertThat(s.week()).doesNotContainKey(DayOfWeek.SUNDAY);
            assertThat(s.holidays()).anySatisfy(h -> assertThat(h.name()).isEqualTo("День Незалежності України"));
        }

        @Test
        void hasATwoLevelMenuWithLabelledOptions() {
            Ivr.Menu main = config.ivr().menus().get("main");
            assertThat(main.options().get('1').target()).isEqualTo(new Target(Target.Kind.MENU, "water"));
            Ivr.Menu water = config.ivr().menus().get("water");
            assertThat(water.options().get('2').label()).isEqualTo("Гаряча вода");
            assertThat(water.options().get('2').target()).isEqualTo(new Target(Target.Kind.DEPARTMENT, "water"));
            assertThat(main.timeout()).isEqualTo(Duration.ofSeconds(6));
        }

        @Test
        void answersTheHotlineNumberWithTheHotlineFlow() {
            assertThat(config.numbers().get("+380444960000").flow()).isEqualTo("hotline");
            assertThat(config.ivr().flows().get("hotline").closed().then())
                    .isEqualTo(new Target(Target.Kind.VOICEMAIL, "after-hours"));
        }

        @Test
        void pointsAtUkrainianPromptsThatExist() {
            assertThat(config.prompts()).containsKeys("greeting-working", "greeting-closed", "menu-main", "hold-music");
            config.prompts().values().forEach(p -> assertThat(p.file()).exists());
        }

        @Test
        void hasUkrainianSmsTemplatesForEveryStatus() {
            assertThat(config.sms().templates()).containsOnlyKeys(Sms.Template.values());
            assertThat(config.sms().templates().get(Sms.Template.REGISTERED)).contains("Звернення №{number}");
            assertThat(config.sms().isMobile("+380671234567")).isTrue();
            assertThat(config.sms().isMobile("+380444960000")).isFalse();
        }

        @Test
        void dropsAQueueCallBackNotMadeWithinFourHours() throws Exception {
            assertThat(config.queues().get("dispatch").callbackExpiry()).isEqualTo(Duration.ofHours(4));
            assertThat(sampleWith("    callback-expiry: 4h\n", "").queues().get("dispatch").callbackExpiry())
                    .as("the default").isEqualTo(Duration.ofHours(4));
            assertThat(sampleWith("callback-expiry: 4h", "callback-expiry: 90m").queues().get("dispatch")
                    .callbackExpiry()).isEqualTo(Duration.ofMinutes(90));
        }

        @Test
        void listsUkrainesEmergencyNumbers() {
            assertThat(config.site().emergencyNumbers()).containsExactly("101", "102", "103", "104", "112");
        }

        @Test
        void hidesSecretsWhenPrinted() {
            assertThat(config.toString()).doesNotContain("adm-100-dev-only").doesNotContain("viknodev");
        }
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("unknown key", "    ring-timeout: 25s\n    fallback: voicemail:general\n  certificates:",
                        "    ring-timout: 25s\n    fallback: voicemail:general\n  certificates:",
                        "departments.accounting.ring-timout: unknown key (did you mean 'ring-timeout'?)"),
                Arguments.of("unknown target", "\"2\": { label: \"Електропостачання\", target: department:electricity }",
                        "\"2\": plumbng",
                        "ivr.menus.main.options.2: unknown target 'plumbng'"),
                Arguments.of("unknown target in a labelled option", "target: department:electricity }",
                        "target: department:electrcity }",
                        "ivr.menus.main.options.2.target: unknown department 'electrcity' in target 'department:electrcity'"),
                Arguments.of("bad time", "hours: \"09:00-13:00\"", "hours: \"09:00-13:60\"",
                        "schedule.week.sat.hours: bad value '09:00-13:60' (expected HH:MM-HH:MM, for example 08:00-17:00)"),
                Arguments.of("hours that end before they start", "hours: \"09:00-13:00\"", "hours: \"13:00-09:00\"",
                        "schedule.week.sat.hours: bad value '13:00-09:00' (expected HH:MM-HH:MM, for example 08:00-17:00)"),
                Arguments.of("missing prompt file", "menu-water: menu-water.wav", "menu-water: menu-watr.wav",
                        "prompts.files.menu-water: file not found: " + SAMPLE.getParent().resolve("prompts/menu-watr.wav")),
                Arguments.of("duplicate extension", "  - extension: \"211\"", "  - extension: \"210\"",
                        "lines[5].extension: duplicate extension '210' (first defined at lines[4])"),
                Arguments.of("ambiguous bare name", "target: menu:water }", "target: water }",
                        "ivr.menus.main.options.1.target: ambiguous target 'water': it names a menu and a department; write it as kind:water"),
                Arguments.of("unknown prompt", "prompt: menu-water\n", "prompt: menu-wter\n",
                        "ivr.menus.water.prompt: unknown prompt 'menu-wter'"),
                Arguments.of("unknown department of a line", "department: certificates\n", "department: certificate\n",
                        "lines[8].department: unknown department 'certificate'"),
                Arguments.of("unknown flow of a number", "flow: hotline\n    trunk: city", "flow: hotlin\n    trunk: city",
                        "numbers.+380444960000.flow: unknown flow 'hotlin'"),
                Arguments.of("bad duration", "max-wait: 5m", "max-wait: five minutes",
                        "queues.dispatch.max-wait: bad value 'five minutes' (expected a duration such as 500ms, 20s, 5m, 1h or 30d)"),
                Arguments.of("unknown ring strategy", "strategy: round-robin", "strategy: random",
                        "departments.accounting.strategy: unknown value 'random' (expected one of: ring-all, round-robin, least-recent)"),
                Arguments.of("short SIP password", "${VIKNO_LINE_240_PASSWORD:-op-240-dev-only}", "short",
                        "lines[8].password: too short: a SIP password needs at least 8 characters"),
                Arguments.of("not a password hash", "\"$2y$10$LId8lZH8TcipTsZrlD7x6OBZvuN0KC8GvErlBkm0ntQx7YKLqHX2y\"", "vikno-operator",
                        "users[2].password-hash: not a bcrypt ($2y$...) or argon2 ($argon2id$...) hash; make one with: scripts/hash-password"),
                Arguments.of("unknown SMS placeholder", "Звернення №{number} в", "Звернення №{nubmer} в",
                        "sms.templates.in-progress: unknown placeholder '{nubmer}' (expected {number}, {status}, {department}, {office_phone}, {date}, {site})"),
                Arguments.of("SMPP password longer than SMPP allows", "${VIKNO_SMPP_PASSWORD:-viknodev}", "much-too-long",
                        "sms.smpp.password: too long for SMPP 3.4: 13 characters, at most 8"),
                Arguments.of("unknown day", "    sat:\n", "    saturdy:\n",
                        "schedule.week.saturdy: unknown day 'saturdy' (expected mon..sun or a range such as mon-fri)"),
                Arguments.of("break outside hours", "breaks: [\"12:00-13:00\"]", "breaks: [\"17:30-18:00\"]",
                        "schedule.week.mon-fri.breaks[0]: break 17:30-18:00 lies outside the hours 08:00-17:00"),
                Arguments.of("unknown top-level section", "\nschedule:\n", "\nschedul:\n",
                        "schedul: unknown key (did you mean 'schedule'?)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistakeIsReportedAtItsPath(String kind, String from, String to, String expected) {
        assertThat(errorsOf(from, to)).contains(expected);
    }

    @Nested
    class EmergencyNumbers {
        static final String SAMPLE_KEY = "  emergency-numbers: [\"101\", \"102\", \"103\", \"104\", \"112\"]\n";

        @Test
        void withoutTheKeyAreUkrainesFireServicePoliceAmbulanceGasAnd112() throws Exception {
            assertThat(sampleWith(SAMPLE_KEY, "").site().emergencyNumbers())
                    .containsExactly("101", "102", "103", "104", "112")
                    .isEqualTo(Site.DEFAULT_EMERGENCY_NUMBERS);
        }

        @Test
        void aSiteMayListItsOwn() throws Exception {
            assertThat(sampleWith(SAMPLE_KEY, "  emergency-numbers: [\"112\", \"911\"]\n").site().emergencyNumbers())
                    .containsExactly("112", "911");
        }

        @Test
        void aLineWhoseExtensionIsAnEmergencyNumberIsAnError() {
            assertThat(errorsOf("  - extension: \"105\"", "  - extension: \"103\""))
                    .contains("lines[1].extension: extension '103' is an emergency number (site.emergency-numbers):"
                            + " calls to it always go out through the trunk");
        }

        @Test
        void aCustomListIsWhatExtensionsAreCheckedAgainst() {
            assertThat(errorsOf(SAMPLE_KEY, "  emergency-numbers: [\"112\", \"200\"]\n"))
                    .containsExactly("lines[2].extension: extension '200' is an emergency number (site.emergency-numbers):"
                            + " calls to it always go out through the trunk");
        }

        @Test
        void anEmergencyNumberIsDigits() {
            assertThat(errorsOf(SAMPLE_KEY, "  emergency-numbers: [\"112\", \"fire\"]\n"))
                    .containsExactly("site.emergency-numbers[1]: bad value 'fire' (expected 2 to 15 digits, such as 112)");
        }
    }

    @Test
    void everyMistakeInAFileIsReportedNotOnlyTheFirst() throws Exception {
        String text = sample().replace("max-wait: 5m", "max-wait: soon")
                .replace("\"2\": { label: \"Електропостачання\", target: department:electricity }", "\"2\": plumbng")
                .replace("ring-timeout: 25s\n    fallback: voicemail:general\n  certificates:",
                        "ring-timout: 25s\n    fallback: voicemail:general\n  certificates:");
        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.parse(SAMPLE, text));
        assertThat(e.errors()).extracting(ConfigError::path).containsExactlyInAnyOrder(
                "queues.dispatch.max-wait", "ivr.menus.main.options.2", "departments.accounting.ring-timout");
        assertThat(e.getMessage()).contains("3 configuration error(s)").contains("ivr.menus.main.options.2: unknown target 'plumbng'");
    }

    @Test
    void aWavPromptLongerThanItsMaximumIsAnError() {
        assertThat(errorsOf("greeting-closed: { file: greeting-closed.wav, max-length: 30s }",
                "greeting-closed: { file: greeting-closed.wav, max-length: 15s }"))
                .anySatisfy(e -> assertThat(e).startsWith("prompts.files.greeting-closed.file: greeting-closed.wav lasts 15.6 s, longer than max-length 15 s"));
    }

    @Test
    void aYamlSyntaxErrorNamesTheLine() throws Exception {
        String text = sample().replace("  name: \"ЖКП «Оболонь-Сервіс»\"", "  name: [unclosed");
        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.parse(SAMPLE, text));
        assertThat(e.errors().get(0).path()).startsWith("line ");
    }

    @Test
    void aDuplicateYamlKeyIsAnError() throws Exception {
        String text = sample().replace("  electricity:\n    name:", "  water:\n    name: x\n  electricity:\n    name:");
        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.parse(SAMPLE, text));
        assertThat(e.getMessage()).contains("duplicate key water");
    }

    @Test
    void secretsComeFromTheEnvironment() throws Exception {
        ConfigLoader withEnv = new ConfigLoader(Map.of("VIKNO_SMPP_PASSWORD", "env-pw12",
                "VIKNO_HTTP_PORT", "9090")::get);
        ViknoConfig config = withEnv.load(SAMPLE);
        assertThat(config.sms().smpp().password().value()).isEqualTo("env-pw12");
        assertThat(config.network().http().port()).isEqualTo(9090);
    }

    @Test
    void anUnsetVariableWithoutDefaultIsAnError() {
        assertThat(errorsOf("password: ${VIKNO_SMPP_PASSWORD:-viknodev}", "password: ${VIKNO_SMPP_SECRET}"))
                .contains("sms.smpp.password: environment variable VIKNO_SMPP_SECRET is not set");
    }

    @Test
    void aMissingFileIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> LOADER.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("file not found");
    }

    @Test
    void anEmptyFileListsTheRequiredSections(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load(empty));
        assertThat(e.errors()).extracting(ConfigError::path).contains("site", "schedule", "ivr", "numbers");
    }
}
