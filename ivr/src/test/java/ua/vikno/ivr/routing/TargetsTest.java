package ua.vikno.ivr.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ua.vikno.ivr.fake.FakeCall;
import ua.vikno.ivr.fake.IvrHarness;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.ConnectRequest;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.VoiceMessage;

@DisplayName("Routing targets of the sample configuration")
class TargetsTest {
    final IvrHarness h = new IvrHarness("2026-11-23T10:00");

    static List<Destination> lines(String... extensions) {
        return java.util.Arrays.stream(extensions).<Destination>map(Destination.Line::new).toList();
    }

    @Nested
    @DisplayName("an operator's blind transfer to a department")
    class TransferToADepartment {
        @Test
        void isTakenForADepartmentIdInAnyCaseAndNotForAnythingElse() {
            DepartmentTransfers transfers = h.ivr.transfers();
            assertThat(transfers.accepts("water")).isTrue();
            assertThat(transfers.accepts("Accounting")).isTrue();
            assertThat(transfers.accepts("swimming-pool")).isFalse();
            assertThat(transfers.accepts("210")).isFalse();
        }

        @Test
        void ringsTheDepartmentAndCountsAsConnectedWhenAMemberAnswers() {
            FakeCall call = h.newCall();
            var transferred = h.ivr.transfers().transfer(call, "WATER");
            assertThat(call.connects()).singleElement()
                    .satisfies(r -> assertThat(r.destinations()).isEqualTo(lines("210", "211")));
            call.answeredBy("211");
            assertThat(transferred.result()).isTrue();
            assertThat(call.noteMap()).containsEntry(CallNotes.DEPARTMENT, "water");
        }

        @Test
        void goesOnToTheDepartmentsFallbackWhenNobodyAnswers() {
            FakeCall call = h.newCall();
            var transferred = h.ivr.transfers().transfer(call, "water");
            h.time.advanceSeconds(20);
            assertThat(call.connects().get(1).destinations()).isEqualTo(lines("105")); // queue:dispatch
            call.answeredBy("105");
            assertThat(transferred.result()).isTrue();
        }
    }

    @Nested
    @DisplayName("a department (water: ring-all 210 and 211, 20 s, fallback queue:dispatch)")
    class DepartmentRingGroup {
        @Test
        void ringsAllFreeMembersForTheRingTimeout() {
            FakeCall call = h.route("department:water").call();
            assertThat(call.connects()).singleElement().satisfies(r -> {
                assertThat(r.destinations()).isEqualTo(lines("210", "211"));
                assertThat(r.ringTimeout()).isEqualTo(Duration.ofSeconds(20));
            });
            assertThat(call.noteMap()).containsEntry(CallNotes.DEPARTMENT, "water");
        }

        @Test
        void ringsOnlyAvailableMembers() {
            h.pbx.doNotDisturb("210");
            FakeCall call = h.route("department:water").call();
            assertThat(call.connects().get(0).destinations()).isEqualTo(lines("211"));
        }

        @Test
        void goesToTheFallbackWhenNobodyAnswers() {
            IvrHarness.Dialled d = h.route("department:water");
            h.time.advanceSeconds(20);
            assertThat(d.call().connects()).hasSize(2);
            assertThat(d.call().connects().get(1).destinations()).isEqualTo(lines("105"));   // queue:dispatch
            assertThat(d.call().noteMap()).containsEntry(CallNotes.DEPARTMENT, "dispatch");
        }

        @Test
        void goesToTheFallbackAtOnceWhenNobodyIsFree() {
            h.pbx.onACall("210");
            h.pbx.unregistered("211");
            FakeCall call = h.route("department:water").call();
            assertThat(call.connects()).singleElement()
                    .satisfies(r -> assertThat(r.destinations()).isEqualTo(lines("105")));
        }

        @Test
        void endsWithTheConnectedOperator() {
            IvrHarness.Dialled d = h.route("department:water");
            d.call().answeredBy("210");
            assertThat(d.outcome().result()).isInstanceOf(RouteOutcome.Connected.class);
        }

        @Test
        void leastRecentDispatchRingsOneLineAtATimeThenFallsBackToVoicemail() {
            IvrHarness.Dialled d = h.route("department:dispatch");
            FakeCall call = d.call();
            h.time.advanceSeconds(20);
            h.time.advanceSeconds(20);
            h.time.advanceSeconds(20);
            assertThat(call.connects()).extracting(ConnectRequest::destinations)
                    .containsExactly(lines("105"), lines("200"), lines("201"));
            assertThat(call.played()).containsExactly("voicemail-intro");   // fallback voicemail:general
        }

        @Test
        void aCallerHangingUpWhileItRingsEndsTheRouting() {
            IvrHarness.Dialled d = h.route("department:water");
            d.call().callerHangsUp();
            assertThat(d.outcome().result()).isInstanceOf(RouteOutcome.CallerLeft.class);
            assertThat(d.call().connects()).hasSize(1);
        }
    }

    @Nested
    @DisplayName("a line")
    class LineTarget {
        @Test
        void ringsAnAvailableLine() {
            FakeCall call = h.route("line:220").call();
            assertThat(call.connects()).singleElement().satisfies(r -> {
                assertThat(r.destinations()).isEqualTo(lines("220"));
                assertThat(r.ringTimeout()).isEqualTo(Duration.ofSeconds(20));
            });
        }

        @Test
        void aLineInDoNotDisturbSendsTheCallToItsDepartment() {
            h.pbx.doNotDisturb("210");
            FakeCall call = h.route("line:210").call();
            assertThat(call.connects()).singleElement()
                    .satisfies(r -> assertThat(r.destinations()).isEqualTo(lines("211")));
        }

        @Test
        void anUnansweredLineSendsTheCallToItsDepartment() {
            FakeCall call = h.route("line:220").call();
            h.time.advanceSeconds(20);
            assertThat(call.connects()).hasSize(2);   // electricity: 220 again as a ring group
            assertThat(call.noteMap()).containsEntry(CallNotes.DEPARTMENT, "electricity");
        }
    }

    @Nested
    @DisplayName("voicemail (general: intro, beep, up to 2 minutes)")
    class Voicemail {
        @Test
        void playsTheIntroAndABeepThenRecords() {
            FakeCall call = h.route("voicemail:general").call();
            h.time.advanceSeconds(6);
            assertThat(call.played()).containsExactly("voicemail-intro", "beep");
            assertThat(call.recordings()).singleElement().satisfies(r -> {
                assertThat(r.maxLength()).isEqualTo(Duration.ofMinutes(2));
                assertThat(r.finishKey()).isEqualTo('#');
            });
        }

        @Test
        void hashFinishesTheMessage() {
            IvrHarness.Dialled d = h.route("voicemail:general");
            h.time.advanceSeconds(6 + 15);
            d.call().press("#");
            h.time.advanceSeconds(3);
            assertThat(d.outcome().result()).isEqualTo(new RouteOutcome.VoicemailLeft(
                    IvrHarness.VOICEMAIL.resolve("general").resolve("c1.wav"), VoiceMessage.Reason.FINISH_KEY));
            assertThat(d.call().noteMap()).containsEntry(CallNotes.VOICEMAIL,
                    IvrHarness.VOICEMAIL.resolve("general").resolve("c1.wav").toString());
            assertThat(d.call().played()).endsWith("goodbye");
            assertThat(d.call().hangupCause()).contains(HangupCause.NORMAL);
        }

        @Test
        void theMaximumLengthFinishesTheMessage() {
            IvrHarness.Dialled d = h.route("voicemail:general");
            h.time.advanceSeconds(6);
            h.time.advance(Duration.ofMinutes(2).minusSeconds(1));
            assertThat(d.outcome().isComplete()).isFalse();
            h.time.advanceSeconds(1);
            h.time.advanceSeconds(3);
            assertThat(d.outcome().result()).isInstanceOfSatisfying(RouteOutcome.VoicemailLeft.class,
                    v -> assertThat(v.reason()).isEqualTo(VoiceMessage.Reason.MAX_LENGTH));
            assertThat(d.call().noteMap()).containsKey(CallNotes.VOICEMAIL);
            assertThat(d.call().hangupCause()).contains(HangupCause.NORMAL);
        }

        @Test
        void hangingUpKeepsTheMessageAndTheCallRecordHasIt() {
            IvrHarness.Dialled d = h.route("voicemail:general");
            h.time.advanceSeconds(6 + 10);
            d.call().callerHangsUp();
            assertThat(d.call().recordedNotes()).hasValueSatisfying(notes -> assertThat(notes)
                    .containsEntry(CallNotes.VOICEMAIL, IvrHarness.VOICEMAIL.resolve("general").resolve("c1.wav").toString()));
            assertThat(d.outcome().result()).isInstanceOf(RouteOutcome.VoicemailLeft.class);
            assertThat(d.call().played()).doesNotContain("goodbye");
        }

        @Test
        void nothingIsNotedWhileTheMessageIsBeingRecorded() {
            IvrHarness.Dialled d = h.route("voicemail:general");
            h.time.advanceSeconds(6 + 10);
            assertThat(d.call().recordings()).hasSize(1);
            assertThat(d.call().noteMap()).doesNotContainKey(CallNotes.VOICEMAIL);
        }

        @Test
        void hangingUpAtTheBeepLeavesNoMessageSoTheCallIsNoVoicemail() {
            IvrHarness.Dialled d = h.route("voicemail:general");
            h.time.advanceSeconds(6);   // intro and beep over: recording
            d.call().callerHangsUp();
            assertThat(d.call().recordings()).hasSize(1);
            assertThat(d.call().recordedNotes()).hasValueSatisfying(notes ->
                    assertThat(notes).doesNotContainKey(CallNotes.VOICEMAIL));
            assertThat(d.outcome().result()).isInstanceOf(RouteOutcome.CallerLeft.class);
        }

        @Test
        void hashAtOnceLeavesNoMessageAndViknoSaysGoodbye() {
            IvrHarness.Dialled d = h.route("voicemail:general");
            h.time.advanceSeconds(6);
            d.call().press("#");
            h.time.advanceSeconds(3);
            assertThat(d.call().noteMap()).doesNotContainKey(CallNotes.VOICEMAIL);
            assertThat(d.call().played()).endsWith("goodbye");
            assertThat(d.call().hangupCause()).contains(HangupCause.NORMAL);
            assertThat(d.outcome().result()).isEqualTo(new RouteOutcome.HungUp("no voice message"));
        }

        @Test
        void aMessageShorterThanHalfASecondIsNoMessageAndHalfASecondIsOne() {
            IvrHarness.Dialled shorter = h.route("voicemail:general");
            h.time.advanceSeconds(6);
            h.time.advance(Duration.ofMillis(499));
            shorter.call().callerHangsUp();
            assertThat(shorter.call().noteMap()).doesNotContainKey(CallNotes.VOICEMAIL);

            IvrHarness.Dialled half = h.route("voicemail:general");
            h.time.advanceSeconds(6);
            h.time.advance(Duration.ofMillis(500));
            half.call().callerHangsUp();
            assertThat(half.call().noteMap()).containsKey(CallNotes.VOICEMAIL);
        }

        @Test
        void aMessageThatCannotBeWrittenIsNoVoicemail() {
            IvrHarness.Dialled d = h.route("voicemail:general");
            h.time.advanceSeconds(6 + 10);
            d.call().recordingFails("Unable to write file");
            h.time.advanceSeconds(3);
            assertThat(d.call().noteMap()).doesNotContainKey(CallNotes.VOICEMAIL);
            assertThat(d.call().played()).endsWith("goodbye");
            assertThat(d.call().hangupCause()).contains(HangupCause.NORMAL);
            assertThat(d.outcome().result()).isEqualTo(new RouteOutcome.HungUp("voice message failed"));
        }

        @Test
        void hangingUpDuringTheIntroRecordsNothing() {
            IvrHarness.Dialled d = h.route("voicemail:general");
            h.time.advanceSeconds(1);
            d.call().callerHangsUp();
            assertThat(d.call().recordings()).isEmpty();
            assertThat(d.call().noteMap()).doesNotContainKey(CallNotes.VOICEMAIL);
            assertThat(d.outcome().result()).isInstanceOf(RouteOutcome.CallerLeft.class);
        }
    }

    @Nested
    @DisplayName("the file of a voice message that is none")
    class VoicemailFiles {
        @TempDir
        Path voicemail;
        IvrHarness v;
        Path file;

        /** The harness with voice messages in a real folder; the call model writes the WAV when recording ends. */
        @BeforeEach
        void boxInATemporaryFolder() {
            v = new IvrHarness("2026-11-23T10:00", voicemail);
            file = voicemail.resolve("general").resolve("c1.wav");
        }

        IvrHarness.Dialled recording() throws IOException {
            IvrHarness.Dialled d = v.route("voicemail:general");
            v.time.advanceSeconds(6);
            assertThat(d.call().recordings()).singleElement().satisfies(r -> assertThat(r.file()).isEqualTo(file));
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[44]);
            return d;
        }

        @Test
        void aMessageShorterThanHalfASecondIsDeletedOnTheWorker() throws IOException {
            IvrHarness.Dialled d = recording();
            v.time.advance(Duration.ofMillis(499));
            d.call().press("#");
            assertThat(file).as("not deleted on the call's thread").exists();
            assertThat(v.worker.pending()).isEqualTo(1);
            v.worker.runAll();
            assertThat(file).doesNotExist();
            v.time.advanceSeconds(3);
            assertThat(d.outcome().result()).isEqualTo(new RouteOutcome.HungUp("no voice message"));
        }

        @Test
        void hangingUpAtTheBeepLeavesNoFile() throws IOException {
            IvrHarness.Dialled d = recording();
            d.call().callerHangsUp();
            v.worker.runAll();
            assertThat(file).doesNotExist();
            assertThat(d.outcome().result()).isInstanceOf(RouteOutcome.CallerLeft.class);
        }

        @Test
        void aMessageWhoseWriteFailedLeavesNoPartialFile() throws IOException {
            IvrHarness.Dialled d = recording();
            v.time.advanceSeconds(10);
            d.call().recordingFails("No space left on device");
            v.worker.runAll();
            assertThat(file).doesNotExist();
            v.time.advanceSeconds(3);
            assertThat(d.outcome().result()).isEqualTo(new RouteOutcome.HungUp("voice message failed"));
        }

        @Test
        void aWriteThatFailedBeforeTheFileExistedIsNoError() {
            IvrHarness.Dialled d = v.route("voicemail:general");
            v.time.advanceSeconds(6 + 10);
            d.call().recordingFails("Unable to create the folder");
            v.worker.runAll();
            assertThat(file).doesNotExist();
            v.time.advanceSeconds(3);
            assertThat(d.call().hangupCause()).contains(HangupCause.NORMAL);
        }

        @Test
        void aMessageOfHalfASecondIsKept() throws IOException {
            IvrHarness.Dialled d = recording();
            v.time.advance(Duration.ofMillis(500));
            d.call().press("#");
            assertThat(v.worker.pending()).isZero();
            assertThat(file).exists();
            assertThat(d.call().noteMap()).containsEntry(CallNotes.VOICEMAIL, file.toString());
        }
    }

    @Nested
    @DisplayName("an external number and a hang-up")
    class ExternalAndHangup {
        @Test
        void anExternalNumberIsRungThroughTheTrunk() {
            FakeCall call = h.route("external:+380501234567").call();
            assertThat(call.connects()).singleElement().satisfies(r -> {
                assertThat(r.destinations()).containsExactly(new Destination.External("+380501234567", "city"));
                assertThat(r.ringTimeout()).isEqualTo(Duration.ofSeconds(30));
            });
        }

        @Test
        void anUnreachableExternalNumberIsRefusedAndHungUp() {
            IvrHarness.Dialled d = h.route("external:+380501234567");
            d.call().connectionFails(HangupCause.BUSY);
            h.time.advanceSeconds(3);
            assertThat(d.call().played()).containsExactly("refused");
            assertThat(d.call().hangupCause()).contains(HangupCause.NORMAL);
        }

        @Test
        void hangupAfterAMessagePlaysItThenHangsUp() {
            IvrHarness.Dialled d = h.route("hangup:outage");
            assertThat(d.call().hangupCause()).isEmpty();
            h.time.advanceSeconds(3);
            assertThat(d.call().played()).containsExactly("outage");
            assertThat(d.call().hangupCause()).contains(HangupCause.NORMAL);
            assertThat(d.outcome().result()).isInstanceOf(RouteOutcome.HungUp.class);
        }

        @Test
        void aPlainHangupHangsUpAtOnce() {
            IvrHarness.Dialled d = h.route("hangup");
            assertThat(d.call().hangupCause()).contains(HangupCause.NORMAL);
            assertThat(d.call().played()).isEmpty();
        }
    }

    @Test
    void anUnknownTargetEndsTheCallWithANamedFailure() {
        IvrHarness.Dialled d = h.route("department:plumbing");
        assertThat(d.call().hangupCause()).contains(HangupCause.SYSTEM_ERROR);
        assertThat(d.outcome().result()).isInstanceOfSatisfying(RouteOutcome.HungUp.class,
                o -> assertThat(o.why()).contains("unknown department 'plumbing'"));
    }
}
