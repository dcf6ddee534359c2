package ua.vikno.ivr.menu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ua.vikno.ivr.fake.FakeCall;
import ua.vikno.ivr.fake.IvrHarness;
import ua.vikno.ivr.routing.RouteOutcome;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.ConnectRequest;
import ua.vikno.pbx.Destination;

/**
 * The menus of the sample: {@code main} (timeout 6 s, 2 retries, direct dial, options 1-4 and 0) and
 * {@code water} (options 1 and 2, no direct dial). Prompts last 3 s of fake time.
 */
@DisplayName("Voice menus")
class MenuSessionTest {
    final IvrHarness h = new IvrHarness("2026-11-23T10:00");
    FakeCall call;
    IvrHarness.Dialled routed;

    @BeforeEach
    void enterTheMainMenu() {
        routed = h.route("menu:main");
        call = routed.call();
    }

    List<Destination> rung() {
        return call.pendingConnection().map(ConnectRequest::destinations).orElse(List.of());
    }

    @Nested
    @DisplayName("when the caller presses nothing")
    class NoInput {
        @Test
        void waitsTheTimeoutAfterThePromptThenSaysNoInputAndRepeats() {
            h.time.advanceSeconds(3 + 5);
            assertThat(call.played()).containsExactly("menu-main");
            h.time.advanceSeconds(1);   // 6 s after the prompt ended
            assertThat(call.played()).containsExactly("menu-main", "no-input");
            h.time.advanceSeconds(3);
            assertThat(call.played()).containsExactly("menu-main", "no-input", "menu-main");
        }

        @Test
        void afterTheRetriesGoesToTheOnExhaustedTarget() {
            h.time.advanceSeconds(3 + 6 + 3 + 3 + 6 + 3 + 3 + 6);
            assertThat(call.played()).containsExactly("menu-main", "no-input", "menu-main", "no-input", "menu-main");
            assertThat(rung()).containsExactly(new Destination.Line("105"));   // on-exhausted: queue:dispatch
            assertThat(call.noteMap()).containsEntry(CallNotes.IVR_PATH, "main")
                    .containsEntry(CallNotes.DEPARTMENT, "dispatch");
        }

        @Test
        void aDigitInTheLastRetryStillCounts() {
            h.time.advanceSeconds(3 + 6 + 3 + 3 + 6 + 3 + 3);
            call.press("2");
            h.time.advanceSeconds(2);   // 2 also begins extensions 200-240: the inter-digit timeout decides
            assertThat(call.noteMap()).containsEntry(CallNotes.DEPARTMENT, "electricity");
            assertThat(rung()).containsExactly(new Destination.Line("220"));
        }
    }

    @Nested
    @DisplayName("when the caller presses an invalid key")
    class InvalidInput {
        @Test
        void saysSoAndRepeatsTheMenu() {
            call.press("9");
            assertThat(call.played()).containsExactly("menu-main", "invalid-choice");
            h.time.advanceSeconds(3);
            assertThat(call.played()).containsExactly("menu-main", "invalid-choice", "menu-main");
        }

        @Test
        void aKeyDuringTheInvalidPromptIsTakenAsTheChoice() {
            call.press("9");
            call.press("3");
            assertThat(call.noteMap()).containsEntry(CallNotes.DEPARTMENT, "accounting");
        }

        @Test
        void threeInvalidKeysExhaustTheRetries() {
            call.press("9").press("9");
            assertThat(call.connects()).isEmpty();
            call.press("9");
            assertThat(call.noteMap()).containsEntry(CallNotes.DEPARTMENT, "dispatch");
            assertThat(call.played()).containsExactly("menu-main", "invalid-choice", "invalid-choice");
            assertThat(rung()).containsExactly(new Destination.Line("105"));
        }

        @Test
        void invalidAndNoInputShareTheRetries() {
            call.press("9");
            h.time.advanceSeconds(3 + 3 + 6);   // invalid prompt, menu, timeout
            assertThat(call.played()).endsWith("no-input");
            h.time.advanceSeconds(3);
            call.press("8");
            assertThat(call.noteMap()).containsEntry(CallNotes.DEPARTMENT, "dispatch");
        }
    }

    @Nested
    @DisplayName("choosing options")
    class Options {
        @ParameterizedTest(name = "{0} -> {1} ({2})")
        @CsvSource(delimiter = '|', value = {
                "2  | main>2   | Електропостачання                    | 220",
                "3  | main>3   | Оплата та рахунки                    | 230",
                "4  | main>4   | Довідки                              | 240",
                "11 | main>1>1 | Водопостачання / Холодна вода        | 210",
                "12 | main>1>2 | Водопостачання / Гаряча вода         | 210",
        })
        void notesThePathAndCategory(String keys, String path, String category, String firstLine) {
            call.press(keys);
            h.time.advanceSeconds(2);   // the inter-digit timeout, as 2, 3 and 4 also begin extensions
            assertThat(call.noteMap()).containsEntry(CallNotes.IVR_PATH, path)
                    .containsEntry(CallNotes.CATEGORY, category);
            assertThat(rung()).first().isEqualTo(new Destination.Line(firstLine));
        }

        @Test
        void aKeyInterruptsThePrompt() {
            h.time.advanceSeconds(1);
            call.press("2");
            assertThat(call.playing()).isEmpty();
            h.time.advanceSeconds(2);
            assertThat(call.connects()).hasSize(1);
        }

        @Test
        void aSubMenuPlaysItsPromptAndNotesThePathSoFar() {
            call.press("1");
            h.time.advanceSeconds(2);
            assertThat(call.playing()).contains("menu-water");
            assertThat(call.noteMap()).containsEntry(CallNotes.IVR_PATH, "main>1")
                    .containsEntry(CallNotes.CATEGORY, "Водопостачання");
        }

        @Test
        void hangingUpInAMenuEndsWithThePathSoFar() {
            call.press("1");
            h.time.advanceSeconds(3);
            call.callerHangsUp();
            assertThat(routed.outcome().result()).isInstanceOf(RouteOutcome.CallerLeft.class);
            assertThat(call.connects()).isEmpty();
            assertThat(call.noteMap()).containsEntry(CallNotes.IVR_PATH, "main>1");
            h.time.advanceSeconds(60);
            assertThat(call.played()).containsExactly("menu-main", "menu-water");
        }
    }

    @Nested
    @DisplayName("0 and *")
    class OperatorAndBack {
        @Test
        void zeroInTheMainMenuIsItsOperatorOption() {
            call.press("0");
            assertThat(call.noteMap()).containsEntry(CallNotes.IVR_PATH, "main>0")
                    .containsEntry(CallNotes.CATEGORY, "Оператор")
                    .containsEntry(CallNotes.DEPARTMENT, "dispatch");
        }

        @Test
        void zeroInASubMenuWithoutItReachesTheOperatorTarget() {
            call.press("1");
            h.time.advanceSeconds(2);
            call.press("0");
            assertThat(call.noteMap()).containsEntry(CallNotes.IVR_PATH, "main>1>0")
                    .containsEntry(CallNotes.CATEGORY, "Водопостачання / Оператор")
                    .containsEntry(CallNotes.DEPARTMENT, "dispatch");   // ivr.operator: queue:dispatch
        }

        @Test
        void starGoesBackToThePreviousMenu() {
            call.press("1");
            h.time.advanceSeconds(2);
            call.press("*");
            assertThat(call.playing()).contains("menu-main");
            assertThat(call.noteMap()).containsEntry(CallNotes.IVR_PATH, "main");
            call.press("2");
            h.time.advanceSeconds(2);
            assertThat(call.noteMap()).containsEntry(CallNotes.IVR_PATH, "main>2")
                    .containsEntry(CallNotes.CATEGORY, "Електропостачання");
        }

        @Test
        void starInTheFirstMenuRepeatsItWithoutUsingARetry() {
            call.press("*");
            assertThat(call.played()).containsExactly("menu-main", "menu-main");
            call.press("9").press("9").press("*");
            assertThat(call.connects()).isEmpty();
        }
    }

    @Nested
    @DisplayName("dialling an extension directly")
    class DirectDial {
        @Test
        void aCompleteExtensionIsRungAtOnce() {
            call.press("210");
            assertThat(rung()).containsExactly(new Destination.Line("210"));
            assertThat(call.noteMap()).containsEntry(CallNotes.IVR_PATH, "main>210")
                    .containsEntry(CallNotes.CATEGORY, "Внутрішній номер 210")
                    .containsEntry(CallNotes.DEPARTMENT, "water");
        }

        @Test
        void theSeniorDispatchersExtensionBeginsWithOption1() {
            call.press("1");
            h.time.advanceSeconds(1);
            call.press("05");   // 1 is the water menu's option, yet 10 begins 100 and 105
            assertThat(rung()).containsExactly(new Destination.Line("105"));
            assertThat(call.noteMap()).containsEntry(CallNotes.IVR_PATH, "main>105")
                    .containsEntry(CallNotes.DEPARTMENT, "dispatch");
        }

        @Test
        void digitsArriveWithinTheInterDigitTimeout() {
            call.press("2");
            h.time.advanceSeconds(1);
            call.press("3");
            h.time.advanceSeconds(1);
            call.press("0");
            assertThat(rung()).containsExactly(new Destination.Line("230"));
        }

        @Test
        void aPauseAfterAnOptionDigitTakesTheOption() {
            call.press("2");
            h.time.advanceSeconds(2);
            assertThat(call.noteMap()).containsEntry(CallNotes.IVR_PATH, "main>2");
            assertThat(rung()).containsExactly(new Destination.Line("220"));
        }

        @Test
        void anUnknownExtensionIsInvalidInput() {
            call.press("29");   // 2 begins extensions, 29 none, and 9 is no option of electricity's menu
            assertThat(call.connects()).hasSize(1);   // 2 was taken as the option: 9 went nowhere
            IvrHarness other = new IvrHarness("2026-11-23T10:00");
            FakeCall c = other.route("menu:main").call();
            c.press("2");
            other.time.advanceSeconds(1);
            c.press("1");   // 21 begins 210 and 211
            other.time.advanceSeconds(2);   // 21 is no extension
            assertThat(c.played()).containsExactly("menu-main", "invalid-choice");
            assertThat(c.connects()).isEmpty();
        }

        @Test
        void hashEndsTheExtension() {
            call.press("21#");
            assertThat(call.played()).containsExactly("menu-main", "invalid-choice");
            call.press("211#");
            assertThat(rung()).containsExactly(new Destination.Line("211"));
        }

        @Test
        void menusWithoutDirectDialTakeDigitsAsOptionsOnly() {
            call.press("1");
            h.time.advanceSeconds(2);
            call.press("2");   // option 2 of water, not the start of an extension
            assertThat(call.noteMap()).containsEntry(CallNotes.IVR_PATH, "main>1>2");
        }
    }
}
