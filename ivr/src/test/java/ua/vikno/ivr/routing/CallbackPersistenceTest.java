package ua.vikno.ivr.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import ua.vikno.ivr.callback.CallbackProgress;
import ua.vikno.ivr.callback.PendingCallback;
import ua.vikno.ivr.fake.FakeCall;
import ua.vikno.ivr.fake.FakeCallbackStore;
import ua.vikno.ivr.fake.IvrHarness;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.HangupCause;

/**
 * Call-backs kept in a {@link ua.vikno.ivr.callback.CallbackStore} over a restart (the sample's queue
 * {@code dispatch}: call-back key 1, 2 retries 3 minutes apart, expiry 4 h), the store refusing writes, and what
 * each attempt tells {@link CallbackProgress}.
 */
@DisplayName("Call-backs over a restart")
class CallbackPersistenceTest {
    final FakeCallbackStore store = new FakeCallbackStore();
    final List<String> told = new ArrayList<>();
    final CallbackProgress progress = new CallbackProgress() {
        @Override
        public void connected(PendingCallback cb, String operator, Instant at, int attempt, int attempts) {
            told.add("connected " + cb.callId() + " " + operator + " " + attempt + "/" + attempts);
        }

        @Override
        public void missed(PendingCallback cb, Miss why, int attempt, int attempts, Instant next) {
            told.add("missed " + cb.callId() + " " + why + " " + attempt + "/" + attempts + " next " + next);
        }

        @Override
        public void givenUp(PendingCallback cb, Miss why, int attempts) {
            told.add("given up " + cb.callId() + " " + why + " " + attempts);
        }

        @Override
        public void expired(PendingCallback cb) {
            told.add("expired " + cb.callId());
        }
    };
    IvrHarness h = new IvrHarness("2026-11-23T10:00", store, progress);

    WaitingQueue queue() {
        return h.ivr.queues().queue("dispatch").orElseThrow();
    }

    @BeforeEach
    void everyOperatorIsBusy() {
        h.allBusy("dispatch");
    }

    /** A resident joins the queue, waits {@code seconds}, presses 1 and hears the confirmation. */
    IvrHarness.Dialled askForACallBack(long seconds) {
        IvrHarness.Dialled a = h.route("queue:dispatch");
        h.time.advanceSeconds(seconds);
        a.call().press("1");
        h.time.advanceSeconds(3);
        return a;
    }

    /** The node starts again over the same store, at the same moment; its operators are busy. */
    void restart() {
        Instant now = h.time.instant();
        h = new IvrHarness(java.time.LocalDateTime.ofInstant(now, java.time.ZoneId.of("Europe/Kyiv")).toString(),
                store, progress);
        h.allBusy("dispatch");
        assertThat(h.ivr.queues().restore().succeeded()).isTrue();
    }

    /** Operator 200 frees up and answers; the resident does not (their phone rings 30 s). */
    void unansweredAttempt(String legId) {
        h.pbx.free("200");
        h.pbx.answerOriginated(legId);
        h.time.advanceSeconds(30);
        h.pbx.onACall("200");
    }

    @Nested
    @DisplayName("the store")
    class Store {
        @Test
        void keepsACallBackOnceAskedFor() {
            IvrHarness.Dialled a = askForACallBack(10);
            assertThat(store.kept()).containsOnlyKeys(a.call().id());
            PendingCallback kept = store.kept().get(a.call().id());
            assertThat(kept.queue()).isEqualTo("dispatch");
            assertThat(kept.number()).isEqualTo(a.call().caller().number());
            assertThat(kept.dialled()).isEqualTo(IvrHarness.HOTLINE);
            assertThat(kept.trunk()).isEqualTo("city");
            assertThat(kept.joinedAt()).isEqualTo(IvrHarness.kyiv("2026-11-23T10:00"));
            assertThat(kept.requestedAt()).isEqualTo(IvrHarness.kyiv("2026-11-23T10:00:10"));
            assertThat(kept.expiresAt()).isEqualTo(IvrHarness.kyiv("2026-11-23T14:00:10"));
            assertThat(kept.attempts()).isZero();
        }

        @Test
        void notesEachAttemptUsedUp() {
            IvrHarness.Dialled a = askForACallBack(10);
            unansweredAttempt("op1");
            assertThat(store.kept().get(a.call().id()).attempts()).isEqualTo(1);
        }

        @Test
        void forgetsACallBackOnceServed() {
            askForACallBack(10);
            h.pbx.free("200");
            FakeCall operator = h.pbx.answerOriginated("op1");
            operator.answeredBy("resident");
            assertThat(store.kept()).isEmpty();
        }

        @Test
        void forgetsACallBackGivenUpAfterThreeAttempts() {
            askForACallBack(10);
            unansweredAttempt("op1");
            h.time.advance(Duration.ofMinutes(3));
            unansweredAttempt("op2");
            h.time.advance(Duration.ofMinutes(3));
            unansweredAttempt("op3");
            assertThat(store.kept()).isEmpty();
        }

        @Test
        void forgetsACallBackThatExpired() {
            askForACallBack(10);
            h.time.advance(Duration.ofHours(4));
            assertThat(store.kept()).isEmpty();
        }
    }

    @Nested
    @DisplayName("after a restart")
    class Restart {
        @Test
        void callBacksReturnToTheirQueueInTheirOrder() {
            IvrHarness.Dialled a = askForACallBack(10);
            IvrHarness.Dialled b = askForACallBack(5);
            IvrHarness.Dialled c = askForACallBack(5);
            restart();
            assertThat(queue().waiting()).extracting(WaitingQueue.Waiting::callId)
                    .containsExactly(a.call().id(), b.call().id(), c.call().id());
            assertThat(queue().waiting()).extracting(WaitingQueue.Waiting::state).containsOnly("awaiting_callback");
            assertThat(queue().waiting().get(0).since()).isEqualTo(IvrHarness.kyiv("2026-11-23T10:00"));
        }

        @Test
        void theFirstIsRungWhenAnOperatorFreesUpThroughItsTrunkAndHotlineNumber() {
            IvrHarness.Dialled a = askForACallBack(10);
            askForACallBack(5);
            restart();
            h.pbx.free("200");
            assertThat(h.pbx.originated()).singleElement().satisfies(o -> {
                assertThat(o.first()).isEqualTo(new Destination.Line("200"));
                assertThat(o.callerId()).isEqualTo(a.call().caller().number());
            });
            FakeCall operator = h.pbx.answerOriginated("op1");
            assertThat(operator.pendingConnection()).hasValueSatisfying(r -> {
                assertThat(r.destinations()).containsExactly(new Destination.External(a.call().caller().number(), "city"));
                assertThat(r.callerId()).contains(IvrHarness.HOTLINE);
            });
            assertThat(operator.noteMap()).containsEntry(WaitingQueue.CALLBACK_FOR_NOTE, a.call().id());
            operator.answeredBy("resident");
            assertThat(store.kept()).doesNotContainKey(a.call().id()).hasSize(1);
        }

        @Test
        void keepsTheAttemptsUsed() {
            askForACallBack(10);
            unansweredAttempt("op1");
            restart();
            h.pbx.free("200");
            FakeCall operator = h.pbx.answerOriginated("op2");
            assertThat(operator.noteMap()).containsEntry(WaitingQueue.CALLBACK_ATTEMPT_NOTE, "2/3");
        }

        @Test
        void keepsTheExpiry() {
            askForACallBack(10);
            h.time.advance(Duration.ofHours(3));
            restart();
            h.time.advance(Duration.ofHours(1).minusSeconds(4));
            assertThat(queue().waiting()).hasSize(1);
            h.time.advanceSeconds(1);
            assertThat(queue().waiting()).isEmpty();
            assertThat(store.kept()).isEmpty();
            assertThat(told).last().asString().startsWith("expired");
        }

        @Test
        void aCallBackThatExpiredWhileTheNodeWasDownIsDropped() {
            askForACallBack(10);
            store.put(new PendingCallback("gone", "dispatch", "+380670009999", IvrHarness.HOTLINE, "city",
                    IvrHarness.kyiv("2026-11-23T05:00"), IvrHarness.kyiv("2026-11-23T05:00"),
                    IvrHarness.kyiv("2026-11-23T09:00"), 1));
            restart();
            assertThat(queue().waiting()).hasSize(1);
            assertThat(store.kept()).doesNotContainKey("gone");
            assertThat(told).contains("expired gone");
        }

        @Test
        void aCallBackOfAQueueNoLongerConfiguredIsDropped() {
            store.put(new PendingCallback("old", "removed-queue", "+380670009999", IvrHarness.HOTLINE, "city",
                    h.time.instant(), h.time.instant(), h.time.instant().plus(Duration.ofHours(1)), 0));
            restart();
            assertThat(store.kept()).isEmpty();
        }

        @Test
        void aRestoredCallBackIsAheadOfCallersWhoJoinedLater() {
            askForACallBack(10);
            restart();
            h.route("queue:dispatch");
            assertThat(queue().waiting()).extracting(WaitingQueue.Waiting::state)
                    .containsExactly("awaiting_callback", "announcing");
        }
    }

    @Nested
    @DisplayName("while the store refuses")
    class Refusing {
        @Test
        void aSaveIsRetriedWithBackOffUntilTheStoreTakesIt() {
            store.refuse(true);
            IvrHarness.Dialled a = askForACallBack(10);   // saved at 10:00:10, refused
            h.time.advanceSeconds(1 + 2 + 4 - 3);          // retries at +1, +3, +7 s from the request
            assertThat(store.operations()).containsExactly("save c1", "save c1", "save c1", "save c1");
            store.refuse(false);
            h.time.advanceSeconds(8);
            assertThat(store.kept()).containsOnlyKeys(a.call().id());
            h.time.advance(Duration.ofMinutes(5));
            assertThat(store.operations()).hasSize(5);
            assertThat(h.ivr.callbacks().waiting()).isZero();
        }

        @Test
        void theBackOffStopsGrowingAtSixtySeconds() {
            store.refuse(true);
            askForACallBack(10);
            h.time.advance(Duration.ofMinutes(10));
            int before = store.operations().size();
            h.time.advance(Duration.ofMinutes(5));
            assertThat(store.operations().size() - before).isEqualTo(5);
        }

        @Test
        void aServedCallBackIsRemovedOnceTheStoreIsBackSoItIsNotRungAfterARestart() {
            askForACallBack(10);
            store.refuse(true);
            h.pbx.free("200");
            h.pbx.answerOriginated("op1").answeredBy("resident");
            h.time.advanceSeconds(30);
            assertThat(store.kept()).hasSize(1);
            store.refuse(false);
            h.time.advance(Duration.ofSeconds(60));
            assertThat(store.kept()).isEmpty();
            restart();
            h.pbx.free("201");
            assertThat(h.pbx.originated()).isEmpty();
        }

        @Test
        void aRemovalAskedForWhileASaveIsRetriedWins() {
            store.refuse(true);
            askForACallBack(10);
            h.pbx.free("200");
            h.pbx.answerOriginated("op1").answeredBy("resident");   // served while the save still waits
            store.refuse(false);
            h.time.advance(Duration.ofMinutes(2));
            assertThat(store.kept()).isEmpty();
            assertThat(store.operations()).last().isEqualTo("remove c1");
        }

        @Test
        void aCallBackAskedForWhileTheRestoreIsRetriedIsQueuedOnce() {
            askForACallBack(10);   // kept from the run before
            store.refuseLoads(true);
            Instant now = h.time.instant();
            h = new IvrHarness(java.time.LocalDateTime.ofInstant(now, java.time.ZoneId.of("Europe/Kyiv")).toString(),
                    store, progress);
            h.allBusy("dispatch");
            var restored = h.ivr.queues().restore();
            h.newCall();   // call ids are unique across runs: this run's next is c2
            askForACallBack(10);   // asked for in this run and saved at once, before the read succeeds
            store.refuseLoads(false);
            h.time.advanceSeconds(120);
            assertThat(restored.succeeded()).isTrue();
            assertThat(queue().waiting()).extracting(WaitingQueue.Waiting::callId).doesNotHaveDuplicates()
                    .hasSize(2);
        }

        @Test
        void theRestoreIsRetriedUntilTheStoreCanBeRead() {
            askForACallBack(10);
            store.refuse(true);
            Instant now = h.time.instant();
            h = new IvrHarness(java.time.LocalDateTime.ofInstant(now, java.time.ZoneId.of("Europe/Kyiv")).toString(),
                    store, progress);
            h.allBusy("dispatch");
            var restored = h.ivr.queues().restore();
            h.time.advanceSeconds(3);
            assertThat(restored.isComplete()).isFalse();
            assertThat(queue().waiting()).isEmpty();
            store.refuse(false);
            h.time.advanceSeconds(4);
            assertThat(restored.result()).isEqualTo(1);
            assertThat(queue().waiting()).hasSize(1);
        }
    }

    @Nested
    @DisplayName("what each attempt tells")
    class Progress {
        @Test
        void aConnectedCallBackNamesItsOperatorAndAttempt() {
            askForACallBack(10);
            h.pbx.free("200");
            h.pbx.answerOriginated("op1").answeredBy("resident");
            assertThat(told).containsExactly("connected c1 200 1/3");
        }

        @Test
        void anUnansweredAttemptNamesWhenTheNextIsDue() {
            askForACallBack(10);
            unansweredAttempt("op1");
            assertThat(told).containsExactly("missed c1 RESIDENT 1/3 next "
                    + IvrHarness.kyiv("2026-11-23T10:03:43"));
        }

        @Test
        void threeOperatorsNotAnsweringUseUpAnAttempt() {
            askForACallBack(10);
            for (String line : List.of("105", "200", "201")) {
                h.pbx.free(line);
                h.pbx.failOriginated(HangupCause.NO_ANSWER);
                h.pbx.onACall(line);
            }
            assertThat(told).singleElement().asString().startsWith("missed c1 OPERATORS 1/3");
        }

        @Test
        void theLastAttemptGivesUp() {
            askForACallBack(10);
            unansweredAttempt("op1");
            h.time.advance(Duration.ofMinutes(3));
            unansweredAttempt("op2");
            h.time.advance(Duration.ofMinutes(3));
            unansweredAttempt("op3");
            assertThat(told).last().isEqualTo("given up c1 RESIDENT 3");
        }
    }
}
