package ua.vikno.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ua.vikno.ivr.fake.FakeCall;
import ua.vikno.ivr.fake.IvrHarness;
import ua.vikno.ivr.routing.RouteOutcome;
import ua.vikno.ivr.schedule.ScheduleOverride;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.CallState;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.VoiceMessage;

@DisplayName("Entry flow of the sample hotline (config/samples/housing-services.yaml)")
class EntryFlowsTest {

    @Nested
    @DisplayName("in working hours (Monday 10:00)")
    class WorkingHours {
        final IvrHarness h = new IvrHarness("2026-11-23T10:00");

        @Test
        void answersWithTheWorkingGreetingThenTheMainMenu() {
            FakeCall call = h.dial().call();
            assertThat(call.state()).isEqualTo(CallState.ANSWERED);
            assertThat(call.played()).containsExactly("greeting-working");
            h.time.advanceSeconds(3);
            assertThat(call.played()).containsExactly("greeting-working", "menu-main");
            assertThat(call.noteMap()).containsEntry(CallNotes.SCHEDULE, "open")
                    .containsEntry(CallNotes.IVR_PATH, "main");
        }

        @Test
        void oneThenTwoReachesTheWaterDepartmentAsHotWater() {
            IvrHarness.Dialled d = h.dial();
            FakeCall call = d.call();
            h.time.advanceSeconds(4);   // greeting over, main menu playing
            call.press("1").press("2");

            assertThat(call.pendingConnection()).hasValueSatisfying(r -> assertThat(r.destinations())
                    .containsExactly(new Destination.Line("210"), new Destination.Line("211")));
            assertThat(call.noteMap())
                    .containsEntry(CallNotes.IVR_PATH, "main>1>2")
                    .containsEntry(CallNotes.CATEGORY, "Водопостачання / Гаряча вода")
                    .containsEntry(CallNotes.DEPARTMENT, "water")
                    .containsEntry(CallNotes.SCHEDULE, "open");

            call.answeredBy("211");
            assertThat(d.outcome().result()).isInstanceOf(RouteOutcome.Connected.class);
            assertThat(call.state()).isEqualTo(CallState.BRIDGED);
        }

        @Test
        void oneThenAPauseHearsTheWaterMenuBeforeTwo() {
            FakeCall call = h.dial().call();
            h.time.advanceSeconds(4);
            call.press("1");
            h.time.advanceSeconds(2);   // the inter-digit timeout: no extension starts with 1x
            assertThat(call.playing()).contains("menu-water");
            call.press("2");
            assertThat(call.noteMap()).containsEntry(CallNotes.IVR_PATH, "main>1>2");
            assertThat(call.connects()).hasSize(1);
        }

        @Test
        void callerHangingUpInTheGreetingEndsTheFlow() {
            IvrHarness.Dialled d = h.dial();
            d.call().callerHangsUp();
            assertThat(d.outcome().result()).isInstanceOf(RouteOutcome.CallerLeft.class);
            assertThat(d.call().played()).containsExactly("greeting-working");
        }
    }

    @Nested
    @DisplayName("out of hours (Sunday 10:00)")
    class OutOfHours {
        final IvrHarness h = new IvrHarness("2026-11-29T10:00");

        @Test
        void playsTheClosedGreetingAndTakesAVoicemailFinishedByHash() {
            IvrHarness.Dialled d = h.dial();
            FakeCall call = d.call();
            h.time.advanceSeconds(6);   // greeting, then the voicemail intro
            assertThat(call.played()).containsExactly("greeting-closed", "voicemail-intro", "beep");
            h.time.advanceSeconds(3);   // beep over: recording
            assertThat(call.recordings()).singleElement().satisfies(r -> {
                assertThat(r.maxLength()).isEqualTo(Duration.ofMinutes(2));
                assertThat(r.finishKey()).isEqualTo('#');
                assertThat(r.file()).isEqualTo(IvrHarness.VOICEMAIL.resolve("after-hours").resolve(call.id() + ".wav"));
            });
            h.time.advanceSeconds(20);
            call.press("#");
            h.time.advanceSeconds(3);   // goodbye
            assertThat(call.noteMap())
                    .containsEntry(CallNotes.SCHEDULE, "closed")
                    .containsEntry(CallNotes.DEPARTMENT, "dispatch")
                    .containsEntry(CallNotes.VOICEMAIL, call.recordings().get(0).file().toString());
            assertThat(call.played()).endsWith("goodbye");
            assertThat(call.hangupCause()).contains(HangupCause.NORMAL);
            assertThat(d.outcome().result()).isEqualTo(new RouteOutcome.VoicemailLeft(
                    call.recordings().get(0).file(), VoiceMessage.Reason.FINISH_KEY));
        }
    }

    @Nested
    @DisplayName("on the edges of the working day")
    class Edges {
        @ParameterizedTest(name = "a call at {0} hears {1}")
        @CsvSource({
                "2026-11-23T07:59:59, greeting-closed",
                "2026-11-23T08:00,    greeting-working",
                "2026-11-23T12:00,    greeting-closed",
                "2026-11-23T13:00,    greeting-working",
                "2026-11-28T12:59,    greeting-working",
                "2026-11-28T13:00,    greeting-closed",
                "2027-01-01T10:00,    greeting-closed",
        })
        void greetingFollowsTheSchedule(String local, String greeting) {
            IvrHarness h = new IvrHarness(local);
            assertThat(h.dial().call().played()).containsExactly(greeting);
        }
    }

    @Nested
    @DisplayName("with a manual override")
    class Overrides {
        final IvrHarness h = new IvrHarness("2026-11-23T10:00");

        @Test
        void aForcedClosureInWorkingHoursPlaysItsOwnPromptThenTheClosedBranch() {
            h.overrides.set(ScheduleOverride.forceClosed("outage", IvrHarness.kyiv("2026-11-23T18:00"), "аварія"));
            FakeCall call = h.dial().call();
            h.time.advanceSeconds(3);
            assertThat(call.played()).containsExactly("outage", "voicemail-intro");
            assertThat(call.noteMap()).containsEntry(CallNotes.SCHEDULE, "closed");
        }

        @Test
        void anExpiredOverrideNoLongerApplies() {
            h.overrides.set(ScheduleOverride.forceClosed("outage", IvrHarness.kyiv("2026-11-23T10:00"), "аварія"));
            assertThat(h.dial().call().played()).containsExactly("greeting-working");
        }

        @Test
        void aForcedOpeningOnSundayRunsTheWorkingBranch() {
            IvrHarness sunday = new IvrHarness("2026-11-29T10:00");
            sunday.overrides.set(ScheduleOverride.forceOpen(IvrHarness.kyiv("2026-11-29T16:00"), "чергування"));
            assertThat(sunday.dial().call().played()).containsExactly("greeting-working");
        }
    }

    @Test
    void aNumberWithoutAFlowIsRejected() {
        IvrHarness h = new IvrHarness("2026-11-23T10:00");
        IvrHarness.Dialled d = h.dial("+380440000000");
        assertThat(d.call().hangupCause()).contains(HangupCause.REJECTED);
        assertThat(d.call().played()).isEqualTo(List.of());
        assertThat(d.outcome().result()).isInstanceOf(RouteOutcome.HungUp.class);
    }
}
