package ua.vikno.ivr.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import ua.vikno.ivr.fake.FakeCall;
import ua.vikno.ivr.fake.FakePbx;
import ua.vikno.ivr.fake.IvrHarness;
import ua.vikno.ivr.schedule.ScheduleOverride;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.HangupCause;

/**
 * The sample's queue {@code dispatch}: lines 105, 200, 201 (least recent first), hold music, announcements
 * every 30 s, at most 5 minutes, call-back key 1, fallback voicemail:general. Prompts last 3 s, so an
 * announcement of six prompts lasts 18 s.
 */
@DisplayName("Queue")
class QueueTest {
    final IvrHarness h = new IvrHarness("2026-11-23T10:00");
    static final int ANNOUNCEMENT_SECONDS = 18;

    /** "Усі оператори зайняті… Ваше місце в черзі: {position}. Орієнтовний час очікування: {minutes}." */
    static List<String> announcement(String position, String minutes, String minutesWord) {
        return List.of("queue-busy", "queue-position", position, "queue-wait", minutes, minutesWord);
    }

    static final List<String> FIRST = announcement("number-1", "number-1f", "minutes-1");
    static final List<String> SECOND = announcement("number-2", "number-2f", "minutes-2");

    @BeforeEach
    void everyOperatorIsBusy() {
        h.allBusy("dispatch");
    }

    IvrHarness.Dialled join() {
        return h.route("queue:dispatch");
    }

    WaitingQueue queue() {
        return h.ivr.queues().queue("dispatch").orElseThrow();
    }

    static List<Destination> rung(FakeCall call) {
        return call.pendingConnection().map(r -> r.destinations()).orElse(List.of());
    }

    @Nested
    @DisplayName("while a caller waits")
    class Waiting {
        @Test
        void announcesThePositionThenPlaysHoldMusic() {
            FakeCall a = join().call();
            assertThat(a.played()).containsExactly("queue-busy");
            h.time.advanceSeconds(ANNOUNCEMENT_SECONDS - 3);
            assertThat(a.played()).containsExactlyElementsOf(FIRST);
            h.time.advanceSeconds(3);
            assertThat(a.played()).endsWith("minutes-1", "hold-music").hasSize(FIRST.size() + 1);
            assertThat(a.playing()).contains("hold-music");   // looping
            assertThat(a.noteMap()).containsEntry(CallNotes.DEPARTMENT, "dispatch");
        }

        @Test
        void announcesAgainEveryThirtySeconds() {
            FakeCall a = join().call();
            h.time.advanceSeconds(29);
            assertThat(a.played()).hasSize(FIRST.size() + 1);
            h.time.advanceSeconds(1);
            assertThat(a.playing()).contains("queue-busy");
            h.time.advanceSeconds(ANNOUNCEMENT_SECONDS);
            assertThat(a.played()).hasSize(2 * (FIRST.size() + 1)).endsWith("minutes-1", "hold-music");
        }

        @Test
        void theSecondCallerHearsPositionTwoAndALongerWait() {
            join();
            FakeCall b = join().call();
            h.time.advanceSeconds(ANNOUNCEMENT_SECONDS - 3);
            assertThat(b.played()).containsExactlyElementsOf(SECOND);
        }

        @Test
        void aCallerWhoHangsUpLeavesAndTheNextMovesUp() {
            FakeCall a = join().call();
            FakeCall b = join().call();
            a.callerHangsUp();
            assertThat(queue().waiting()).extracting(WaitingQueue.Waiting::callId).containsExactly(b.id());
            h.time.advanceSeconds(30 + ANNOUNCEMENT_SECONDS - 3);
            assertThat(b.played().subList(b.played().size() - FIRST.size(), b.played().size()))
                    .containsExactlyElementsOf(FIRST);
        }
    }

    @Nested
    @DisplayName("announcements in Ukrainian")
    class Announcements {
        @Test
        void theFifthCallerHearsPlaceFiveAndFiveMinutesInTheGenitivePlural() {
            for (int i = 0; i < 4; i++) {
                join();
            }
            FakeCall fifth = join().call();
            h.time.advanceSeconds(ANNOUNCEMENT_SECONDS - 3);
            assertThat(fifth.played()).containsExactlyElementsOf(announcement("number-5", "number-5", "minutes-5"));
        }

        @Test
        void oneMinuteTwoMinutesAndFiveMinutesTakeTheirOwnForms() {
            FakeCall first = join().call();
            FakeCall second = join().call();
            join();
            join();
            FakeCall fifth = join().call();
            h.time.advanceSeconds(ANNOUNCEMENT_SECONDS - 3);
            assertThat(first.played()).endsWith("number-1f", "minutes-1");    // одна хвилина
            assertThat(second.played()).endsWith("number-2f", "minutes-2");   // дві хвилини
            assertThat(fifth.played()).endsWith("number-5", "minutes-5");     // п'ять хвилин
        }
    }

    @Nested
    @DisplayName("when an operator frees up")
    class Dispatch {
        @Test
        void theFirstCallerIsOfferedToThem() {
            IvrHarness.Dialled a = join();
            IvrHarness.Dialled b = join();
            h.time.advanceSeconds(40);
            h.pbx.free("200");
            assertThat(rung(a.call())).containsExactly(new Destination.Line("200"));
            assertThat(a.call().pendingConnection().get().whileRinging()).isPresent();
            assertThat(b.call().connects()).isEmpty();
            a.call().answeredBy("200");
            assertThat(a.outcome().result()).isInstanceOf(RouteOutcome.Connected.class);
            assertThat(a.call().noteMap()).containsEntry(CallNotes.QUEUE_WAIT_MS, "40000");
            assertThat(queue().waiting()).hasSize(1);
        }

        @Test
        void callersAreServedInArrivalOrder() {
            FakeCall a = join().call();
            FakeCall b = join().call();
            FakeCall c = join().call();
            h.pbx.free("201");
            h.pbx.free("105");
            h.pbx.free("200");
            assertThat(rung(a)).containsExactly(new Destination.Line("201"));
            assertThat(rung(b)).containsExactly(new Destination.Line("105"));
            assertThat(rung(c)).containsExactly(new Destination.Line("200"));
        }

        @Test
        void anUnansweredOfferPutsTheCallerBackInFrontForTheNextOperator() {
            FakeCall a = join().call();
            FakeCall b = join().call();
            h.pbx.free("200");
            h.time.advanceSeconds(20);   // 200 does not answer
            assertThat(a.playing()).contains("hold-music");
            assertThat(b.connects()).isEmpty();   // 200 is not offered B either: it is still free but not answering
            h.pbx.free("201");
            assertThat(rung(a)).containsExactly(new Destination.Line("201"));
        }

        @Test
        void theMaximumWaitSendsTheCallerToTheFallback() {
            IvrHarness.Dialled a = join();
            h.time.advance(Duration.ofMinutes(5).minusSeconds(1));
            assertThat(a.call().played()).doesNotContain("voicemail-intro");
            h.time.advanceSeconds(1);
            assertThat(a.call().playing()).contains("voicemail-intro");
            assertThat(a.call().noteMap()).containsEntry(CallNotes.QUEUE_WAIT_MS, "300000");
            assertThat(queue().waiting()).isEmpty();
        }
    }

    @Nested
    @DisplayName("at the maximum wait")
    class MaximumWait {
        @Test
        void aCallerBeingOfferedFinishesTheRingFirst() {
            IvrHarness.Dialled a = join();
            h.time.advance(Duration.ofMinutes(4).plusSeconds(50));
            h.pbx.free("200");
            h.time.advanceSeconds(10);   // 5:00 while 200 rings
            assertThat(a.call().played()).doesNotContain("voicemail-intro");
            a.call().answeredBy("200");
            assertThat(a.outcome().result()).isInstanceOf(RouteOutcome.Connected.class);
        }

        @Test
        void aRingThatOutlastsTheMaximumEndsInTheFallback() {
            IvrHarness.Dialled a = join();
            h.time.advance(Duration.ofMinutes(4).plusSeconds(50));
            h.pbx.free("200");
            h.time.advanceSeconds(20);   // 200 does not answer; it is 5:10
            assertThat(a.call().playing()).contains("voicemail-intro");
            assertThat(a.call().noteMap()).containsEntry(CallNotes.QUEUE_WAIT_MS, "310000");
        }
    }

    @Nested
    @DisplayName("asking for a call-back (key 1)")
    class Callback {
        IvrHarness.Dialled a;
        FakeCall b;

        @BeforeEach
        void residentAAsksForACallBackAndBJoinsAfter() {
            a = join();
            h.time.advanceSeconds(10);
            a.call().press("1");
            h.time.advanceSeconds(3);
            b = join().call();
        }

        @Test
        void viknoConfirmsTheCallBackAndHangsUp() {
            assertThat(a.call().played()).endsWith("callback-confirmed");
            assertThat(a.call().hangupCause()).contains(HangupCause.NORMAL);
            assertThat(a.outcome().result()).isEqualTo(new RouteOutcome.CallbackRequested("dispatch"));
            assertThat(a.call().noteMap()).containsEntry(WaitingQueue.CALLBACK_NOTE, "requested");
        }

        @Test
        void theCallRecordSaysACallBackWasRequestedSoTheAppealIsNotAbandoned() {
            assertThat(a.call().recordedNotes()).hasValueSatisfying(notes -> assertThat(notes)
                    .containsEntry(CallNotes.CALLBACK, "requested")
                    .containsEntry(CallNotes.DEPARTMENT, "dispatch")
                    .containsEntry(CallNotes.QUEUE_WAIT_MS, "10000"));
        }

        @Test
        void theResidentKeepsTheirPlace() {
            assertThat(b.played()).containsExactly("queue-busy");
            assertThat(queue().waiting()).extracting(WaitingQueue.Waiting::state)
                    .containsExactly("awaiting_callback", "announcing");
        }

        @Test
        void theFreeOperatorIsCalledFirstThenTheResident() {
            h.pbx.free("200");
            FakePbx.Originated o = h.pbx.originated().get(0);
            assertThat(o.first()).isEqualTo(new Destination.Line("200"));
            assertThat(o.callerId()).isEqualTo(a.call().caller().number());
            assertThat(b.connects()).isEmpty();   // A was first

            FakeCall operator = h.pbx.answerOriginated("op1");
            assertThat(operator.pendingConnection()).hasValueSatisfying(r -> {
                assertThat(r.destinations()).containsExactly(new Destination.External(a.call().caller().number(), "city"));
                assertThat(r.callerId()).isEqualTo(Optional.of(IvrHarness.HOTLINE));
            });
            assertThat(operator.noteMap()).containsEntry(WaitingQueue.CALLBACK_FOR_NOTE, a.call().id());
            operator.answeredBy("resident");
            assertThat(queue().waiting()).extracting(WaitingQueue.Waiting::callId).containsExactly(b.id());
        }

        @Test
        void anOperatorWhoDoesNotAnswerLeavesTheResidentFirstInLine() {
            h.pbx.free("200");
            h.pbx.failOriginated(HangupCause.NO_ANSWER);
            assertThat(b.connects()).isEmpty();
            h.pbx.free("201");
            assertThat(h.pbx.originated()).hasSize(2);
            assertThat(h.pbx.originated().get(1).first()).isEqualTo(new Destination.Line("201"));
        }

        @Test
        void theResidentNotAnsweringEndsThisAttemptButKeepsTheirPlace() {
            h.pbx.free("200");
            FakeCall operator = h.pbx.answerOriginated("op1");
            h.time.advanceSeconds(30);
            assertThat(operator.hangupCause()).contains(HangupCause.NORMAL);
            assertThat(operator.recordedNotes()).hasValueSatisfying(notes -> assertThat(notes)
                    .containsEntry(WaitingQueue.CALLBACK_ATTEMPT_NOTE, "1/3")
                    .containsEntry(WaitingQueue.CALLBACK_RESULT_NOTE, "no_answer"));
            assertThat(queue().waiting()).extracting(WaitingQueue.Waiting::callId, WaitingQueue.Waiting::state)
                    .first().isEqualTo(org.assertj.core.groups.Tuple.tuple(a.call().id(), "callback_retry"));
        }
    }

    @Nested
    @DisplayName("a call-back the resident does not answer (2 more attempts, 3 minutes apart)")
    class CallbackRetry {
        IvrHarness.Dialled a;

        @BeforeEach
        void residentAAsksForACallBackAndIsTheOnlyOneWaiting() {
            a = join();
            h.time.advanceSeconds(10);
            a.call().press("1");
            h.time.advanceSeconds(3);
        }

        /** Operator 200 frees up, answers, and the resident's phone rings out (30 s). */
        FakeCall unansweredAttempt(String legId) {
            FakeCall operator = h.pbx.answerOriginated(legId);
            h.time.advanceSeconds(30);
            assertThat(operator.hangupCause()).contains(HangupCause.NORMAL);
            return operator;
        }

        @Test
        void theResidentIsCalledAgainThreeMinutesLaterThroughTheFreeOperator() {
            h.pbx.free("200");
            unansweredAttempt("op1");
            h.time.advance(Duration.ofMinutes(3).minusSeconds(1));
            assertThat(h.pbx.originated()).hasSize(1);
            h.time.advanceSeconds(1);
            assertThat(h.pbx.originated()).hasSize(2);
            assertThat(h.pbx.originated().get(1).first()).isEqualTo(new Destination.Line("200"));

            FakeCall operator = h.pbx.answerOriginated("op2");
            assertThat(operator.noteMap()).containsEntry(WaitingQueue.CALLBACK_ATTEMPT_NOTE, "2/3");
            assertThat(rung(operator)).containsExactly(new Destination.External(a.call().caller().number(), "city"));
            operator.answeredBy("resident");
            assertThat(operator.noteMap()).containsEntry(WaitingQueue.CALLBACK_RESULT_NOTE, "connected");
            assertThat(queue().waiting()).isEmpty();
        }

        @Test
        void afterThreeUnansweredAttemptsTheCallBackIsGivenUp() {
            h.pbx.free("200");
            unansweredAttempt("op1");
            h.time.advance(Duration.ofMinutes(3));
            unansweredAttempt("op2");
            h.time.advance(Duration.ofMinutes(3));
            FakeCall last = unansweredAttempt("op3");
            assertThat(last.recordedNotes()).hasValueSatisfying(notes -> assertThat(notes)
                    .containsEntry(WaitingQueue.CALLBACK_ATTEMPT_NOTE, "3/3")
                    .containsEntry(WaitingQueue.CALLBACK_RESULT_NOTE, "no_answer"));
            assertThat(queue().waiting()).isEmpty();
            h.time.advance(Duration.ofMinutes(10));
            h.pbx.free("201");
            assertThat(h.pbx.originated()).hasSize(3);
        }

        @Test
        void anOperatorWhoDoesNotAnswerDoesNotUseUpAnAttempt() {
            h.pbx.free("200");
            h.pbx.failOriginated(HangupCause.NO_ANSWER);
            h.pbx.free("201");
            FakeCall operator = h.pbx.answerOriginated("op1");
            assertThat(operator.noteMap()).containsEntry(WaitingQueue.CALLBACK_ATTEMPT_NOTE, "1/3");
        }

        @Test
        void callersBehindAreServedWhileTheRetryIsDue() {
            h.pbx.free("200");
            unansweredAttempt("op1");
            FakeCall b = join().call();
            assertThat(rung(b)).containsExactly(new Destination.Line("200"));
            assertThat(queue().waiting()).extracting(WaitingQueue.Waiting::state)
                    .containsExactly("callback_retry", "offered");
        }
    }

    /** Moves fake time to {@code kyivLocal} on the test's day(s). */
    void at(String kyivLocal) {
        h.time.advance(Duration.between(h.time.instant(), IvrHarness.kyiv(kyivLocal)));
    }

    /** A resident joins now, presses the call-back key at once and hears the confirmation. */
    IvrHarness.Dialled askForACallBack() {
        IvrHarness.Dialled a = join();
        a.call().press("1");
        h.time.advanceSeconds(3);
        return a;
    }

    static Tuple entry(String state, boolean onTheLine) {
        return Tuple.tuple(state, onTheLine);
    }

    List<Tuple> entries() {
        return queue().waiting().stream().map(w -> entry(w.state(), w.onTheLine())).toList();
    }

    @Nested
    @DisplayName("call-backs ring residents only in working hours (mon-fri 08:00-17:00, lunch 12:00-13:00)")
    class CallbackHours {
        @Test
        void aCallBackDueInTheLunchBreakIsHeldAndRingsAtOpening() {
            at("2026-11-23T11:50");
            askForACallBack();
            at("2026-11-23T12:05");
            h.pbx.free("200");
            assertThat(h.pbx.originated()).isEmpty();
            assertThat(entries()).containsExactly(entry("held_for_opening", false));
            at("2026-11-23T12:59:59");
            assertThat(h.pbx.originated()).isEmpty();
            h.time.advanceSeconds(1);
            assertThat(h.pbx.originated()).singleElement()
                    .satisfies(o -> assertThat(o.first()).isEqualTo(new Destination.Line("200")));
        }

        @Test
        void aHeldCallBackKeepsItsPlaceAheadOfLaterCallersAtOpening() {
            at("2026-11-23T11:50");
            IvrHarness.Dialled a = askForACallBack();
            at("2026-11-23T12:58");
            FakeCall b = join().call();
            assertThat(entries()).containsExactly(entry("held_for_opening", false), entry("announcing", true));
            at("2026-11-23T13:00");
            h.pbx.free("200");
            assertThat(h.pbx.originated()).singleElement()
                    .satisfies(o -> assertThat(o.callerId()).isEqualTo(a.call().caller().number()));
            assertThat(b.connects()).isEmpty();
        }

        @Test
        void aCallBackAskedForJustBeforeClosingNeverRingsAtNight() {
            at("2026-11-23T16:50");
            askForACallBack();
            at("2026-11-23T17:30");
            List.of("105", "200", "201").forEach(h.pbx::free);
            assertThat(entries()).containsExactly(entry("held_for_opening", false));
            at("2026-11-24T09:00");
            assertThat(h.pbx.originated()).isEmpty();
        }

        @Test
        void aRetryDueInTheLunchBreakWaitsForOpening() {
            at("2026-11-23T11:58");
            IvrHarness.Dialled a = askForACallBack();
            h.pbx.free("200");
            h.pbx.answerOriginated("op1");
            h.time.advanceSeconds(30);   // the resident does not answer; the retry is due at 12:01:33
            at("2026-11-23T12:30");
            assertThat(h.pbx.originated()).hasSize(1);
            assertThat(entries()).containsExactly(entry("held_for_opening", false));
            at("2026-11-23T13:00");
            assertThat(h.pbx.originated()).hasSize(2);
            FakeCall operator = h.pbx.answerOriginated("op2");
            assertThat(operator.noteMap()).containsEntry(WaitingQueue.CALLBACK_ATTEMPT_NOTE, "2/3");
            assertThat(rung(operator)).containsExactly(new Destination.External(a.call().caller().number(), "city"));
        }

        @Test
        void theAdministratorsForcedClosureHoldsCallBacksUntilItEnds() {
            h.overrides.set(ScheduleOverride.forceClosed("outage", IvrHarness.kyiv("2026-11-23T11:00"), "аварія"));
            askForACallBack();
            h.pbx.free("200");
            assertThat(h.pbx.originated()).isEmpty();
            at("2026-11-23T10:59:59");
            assertThat(h.pbx.originated()).isEmpty();
            h.time.advanceSeconds(1);
            assertThat(h.pbx.originated()).hasSize(1);
        }

        @Test
        void theAdministratorsForcedOpeningLetsHeldCallBacksRingWithinFiveMinutes() {
            at("2026-11-23T16:50");
            askForACallBack();
            at("2026-11-23T17:10");
            h.pbx.free("200");
            assertThat(h.pbx.originated()).isEmpty();
            h.overrides.set(ScheduleOverride.forceOpen(IvrHarness.kyiv("2026-11-23T20:00"), "чергування"));
            h.time.advance(Duration.ofMinutes(5));
            assertThat(h.pbx.originated()).hasSize(1);
        }
    }

    @Nested
    @DisplayName("a call-back not made within callback-expiry (4 h) of being asked for")
    class CallbackExpiry {
        @Test
        void isDropped() {
            askForACallBack();
            h.time.advance(Duration.ofHours(4).minusSeconds(4));
            assertThat(queue().waiting()).hasSize(1);
            h.time.advanceSeconds(1);
            assertThat(queue().waiting()).isEmpty();
            h.pbx.free("200");
            assertThat(h.pbx.originated()).isEmpty();
        }

        @Test
        void isDroppedWhileHeldOutsideWorkingHours() {
            at("2026-11-23T16:50");
            askForACallBack();
            at("2026-11-23T20:49:59");
            assertThat(entries()).containsExactly(entry("held_for_opening", false));
            h.time.advanceSeconds(1);
            assertThat(queue().waiting()).isEmpty();
        }

        @Test
        void isDroppedBeforeARetryDueAfterIt() {
            askForACallBack();
            at("2026-11-23T13:58");
            h.pbx.free("200");
            h.pbx.answerOriginated("op1");
            h.time.advanceSeconds(30);   // the resident does not answer; the retry would be due at 14:01:30
            at("2026-11-23T13:59:59");
            assertThat(entries()).containsExactly(entry("callback_retry", false));
            h.time.advanceSeconds(1);
            assertThat(queue().waiting()).isEmpty();
            at("2026-11-23T14:05");
            assertThat(h.pbx.originated()).hasSize(1);
        }

        @Test
        void anAttemptUnderWayAtExpiryIsFinishedButNotRetried() {
            askForACallBack();
            h.time.advance(Duration.ofHours(4).minusSeconds(13));
            h.pbx.free("200");
            FakeCall operator = h.pbx.answerOriginated("op1");
            h.time.advanceSeconds(10);   // expired while the resident's phone rings
            assertThat(operator.hangupCause()).isEmpty();
            h.time.advanceSeconds(20);
            assertThat(operator.noteMap()).containsEntry(WaitingQueue.CALLBACK_RESULT_NOTE, "no_answer");
            assertThat(queue().waiting()).isEmpty();
            h.time.advance(Duration.ofMinutes(10));
            assertThat(h.pbx.originated()).hasSize(1);
        }
    }

    @Nested
    @DisplayName("operators who do not answer a call-back (3 in a row use up an attempt)")
    class CallbackOperatorMisses {
        @Test
        void threeOperatorsInARowNotAnsweringUseUpAnAttempt() {
            askForACallBack();
            for (String line : List.of("200", "201", "105")) {
                h.pbx.free(line);
                assertThat(h.pbx.originated().get(h.pbx.originated().size() - 1).first())
                        .isEqualTo(new Destination.Line(line));
                h.pbx.failOriginated(HangupCause.NO_ANSWER);
            }
            assertThat(entries()).containsExactly(entry("callback_retry", false));
            h.pbx.free("200");
            assertThat(h.pbx.originated()).hasSize(3);
            h.time.advance(Duration.ofMinutes(3));
            assertThat(h.pbx.originated()).hasSize(4);
            FakeCall operator = h.pbx.answerOriginated("op1");
            assertThat(operator.noteMap()).containsEntry(WaitingQueue.CALLBACK_ATTEMPT_NOTE, "2/3");
        }

        @Test
        void anOperatorWhoDidNotAnswerIsOfferedAgainAfterAnAnnouncementPeriodNotOnlyWhenTheirPresenceChanges() {
            askForACallBack();
            h.pbx.free("200");
            h.pbx.failOriginated(HangupCause.NO_ANSWER);
            h.time.advanceSeconds(29);
            assertThat(h.pbx.originated()).hasSize(1);   // 200 is still free, but not offered at once
            h.time.advanceSeconds(1);
            assertThat(h.pbx.originated()).hasSize(2);
        }

        @Test
        void anOperatorAnsweringStartsTheCountAgain() {
            askForACallBack();
            h.pbx.free("200");
            h.pbx.failOriginated(HangupCause.NO_ANSWER);
            h.pbx.free("201");
            h.pbx.failOriginated(HangupCause.NO_ANSWER);
            h.pbx.free("105");
            h.pbx.answerOriginated("op1");
            h.time.advanceSeconds(30);   // the resident does not answer: attempt 1/3 used
            h.time.advance(Duration.ofMinutes(3));   // attempt 2: 105, 200 and 201 are all free
            h.pbx.failOriginated(HangupCause.NO_ANSWER);
            h.pbx.failOriginated(HangupCause.NO_ANSWER);   // two in a row since the last answer, not four
            assertThat(h.pbx.originated()).hasSize(6);
            assertThat(h.pbx.answerOriginated("op2").noteMap())
                    .containsEntry(WaitingQueue.CALLBACK_ATTEMPT_NOTE, "2/3");
        }

        @Test
        void anOperatorWhoNeverAnswersIsNotRungForever() {
            askForACallBack();
            int failed = 0;
            for (int minute = 0; minute < 60; minute++) {
                h.pbx.free("200");   // every presence change of 200 may offer the call-back again
                while (h.pbx.originated().size() > failed) {
                    h.pbx.failOriginated(HangupCause.NO_ANSWER);
                    failed++;
                }
                h.time.advance(Duration.ofMinutes(1));
            }
            assertThat(h.pbx.originated()).hasSize(9);   // 3 attempts of 3 operators each
            assertThat(queue().waiting()).isEmpty();
        }
    }

    @Nested
    @DisplayName("a call-back attempt that cannot be ended cleanly")
    class CallbackEndingErrors {
        @Test
        void aFailedHangUpOfTheOperatorsCallStillCountsTheResidentsNoAnswer() {
            askForACallBack();
            h.pbx.free("200");
            FakeCall operator = h.pbx.answerOriginated("op1").failsToHangUp("BYE timed out");
            h.time.advanceSeconds(30);
            assertThat(operator.noteMap()).containsEntry(WaitingQueue.CALLBACK_RESULT_NOTE, "no_answer");
            assertThat(entries()).containsExactly(entry("callback_retry", false));
            assertThat(h.pbx.originated()).hasSize(1);
            h.time.advance(Duration.ofMinutes(3));
            assertThat(h.pbx.originated()).hasSize(2);
            assertThat(h.pbx.answerOriginated("op2").noteMap())
                    .containsEntry(WaitingQueue.CALLBACK_ATTEMPT_NOTE, "2/3");
        }
    }
}
