package ua.vikno.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.vertx.core.Future;
import ua.vikno.ivr.Timers;
import ua.vikno.ivr.callback.CallbackProgress.Miss;
import ua.vikno.ivr.callback.PendingCallback;

@DisplayName("Call-back notes on the resident's appeal")
class CallbackNotesTest {
    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    static final Instant AT_10_42 = Instant.parse("2026-11-23T08:42:10Z");   // 10:42 in Kyiv
    static final PendingCallback CB = new PendingCallback("c1", "dispatch", "+380670000001", "+380444960000", "city",
            AT_10_42, AT_10_42, AT_10_42.plus(Duration.ofHours(4)), 0);

    /** Timers moved by the test. */
    static final class ManualTimers implements Timers {
        record Task(Instant due, Runnable run) {
        }

        Instant now = AT_10_42;
        final List<Task> tasks = new ArrayList<>();

        @Override
        public Handle schedule(Duration delay, Runnable task) {
            Task t = new Task(now.plus(delay), task);
            tasks.add(t);
            return () -> tasks.remove(t);
        }

        void advance(Duration step) {
            Instant until = now.plus(step);
            while (true) {
                Task next = tasks.stream().filter(t -> !t.due().isAfter(until)).min(Comparator.comparing(Task::due))
                        .orElse(null);
                if (next == null) {
                    break;
                }
                tasks.remove(next);
                now = next.due();
                next.run().run();
            }
            now = until;
        }
    }

    /** An appeals registry that refuses while {@code away}, and records what it was asked. */
    static final class FakeAppeals implements CallbackNotes.Appeals {
        boolean away;
        final List<String> asked = new ArrayList<>();
        final List<String> written = new ArrayList<>();

        private Future<Void> answer(String what) {
            asked.add(what);
            if (away) {
                return Future.failedFuture("Redis is away");
            }
            written.add(what);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> comment(String callId, String text) {
            return answer(callId + " comment " + text);
        }

        @Override
        public Future<Void> connected(String callId, String operator, String text) {
            return answer(callId + " operator " + operator + " " + text);
        }

        @Override
        public Future<Void> recording(String callId, String recording) {
            return answer(callId + " recording " + recording);
        }
    }

    final ManualTimers timers = new ManualTimers();
    final FakeAppeals appeals = new FakeAppeals();
    final CallbackNotes notes = new CallbackNotes(appeals, timers, KYIV);

    @Nested
    @DisplayName("texts")
    class Texts {
        @Test
        void connected() {
            assertThat(CallbackNotes.connectedText("200", AT_10_42, KYIV, 1, 3))
                    .isEqualTo("Зворотний дзвінок: з’єднано з оператором 200 о 10:42 (спроба 1 з 3)");
        }

        @Test
        void theResidentDidNotAnswer() {
            assertThat(CallbackNotes.missedText(Miss.RESIDENT, AT_10_42.plusSeconds(120), KYIV, 1, 3))
                    .isEqualTo("Зворотний дзвінок: абонент не відповів; наступна спроба не раніше 10:44 (спроба 1 з 3)");
        }

        @Test
        void theOperatorsDidNotAnswer() {
            assertThat(CallbackNotes.missedText(Miss.OPERATORS, AT_10_42.plusSeconds(180), KYIV, 2, 3))
                    .isEqualTo("Зворотний дзвінок: оператори не відповіли; наступна спроба не раніше 10:45 (спроба 2 з 3)");
        }

        @ParameterizedTest(name = "after {0} attempts: {1}")
        @CsvSource(delimiter = '|', value = {
                "1|Зворотний дзвінок не вдався після 1 спроби",
                "3|Зворотний дзвінок не вдався після 3 спроб",
                "5|Зворотний дзвінок не вдався після 5 спроб",
                "11|Зворотний дзвінок не вдався після 11 спроб",
                "21|Зворотний дзвінок не вдався після 21 спроби"})
        void givenUp(int attempts, String text) {
            assertThat(CallbackNotes.givenUpText(Miss.RESIDENT, attempts)).isEqualTo(text);
        }

        @Test
        void givenUpBecauseNoOperatorAnswered() {
            assertThat(CallbackNotes.givenUpText(Miss.OPERATORS, 3))
                    .isEqualTo("Зворотний дзвінок не вдався після 3 спроб: оператори не відповіли");
        }

        @Test
        void expired() {
            assertThat(CallbackNotes.expiredText()).isEqualTo("Зворотний дзвінок скасовано: минув строк");
        }
    }

    @Nested
    @DisplayName("writing them")
    class Writing {
        @Test
        void eachAttemptIsWrittenOnTheAppealOfTheResidentsCall() {
            notes.missed(CB, Miss.RESIDENT, 1, 3, AT_10_42.plusSeconds(120));
            notes.connected(CB, "200", AT_10_42.plusSeconds(200), 2, 3);
            notes.recording("c1", "2026/11/23/o-200.mp3");
            assertThat(appeals.written).containsExactly(
                    "c1 comment Зворотний дзвінок: абонент не відповів; наступна спроба не раніше 10:44 (спроба 1 з 3)",
                    "c1 operator 200 Зворотний дзвінок: з’єднано з оператором 200 о 10:45 (спроба 2 з 3)",
                    "c1 recording 2026/11/23/o-200.mp3");
            assertThat(notes.waiting()).isZero();
        }

        @Test
        void aNoteThatFailsIsTriedAgainEverySixtySeconds() {
            appeals.away = true;
            notes.expired(CB);
            timers.advance(Duration.ofSeconds(59));
            assertThat(appeals.asked).hasSize(1);
            timers.advance(Duration.ofSeconds(1));
            assertThat(appeals.asked).hasSize(2);
            timers.advance(Duration.ofSeconds(120));
            assertThat(appeals.asked).hasSize(4);
            appeals.away = false;
            timers.advance(Duration.ofSeconds(60));
            assertThat(appeals.written).containsExactly("c1 comment Зворотний дзвінок скасовано: минув строк");
            timers.advance(Duration.ofMinutes(10));
            assertThat(appeals.asked).hasSize(5);
            assertThat(notes.waiting()).isZero();
        }

        @Test
        void notesOfOneCallBackStayInOrderWhileTheFirstIsRetried() {
            appeals.away = true;
            notes.missed(CB, Miss.RESIDENT, 1, 3, AT_10_42.plusSeconds(120));
            notes.connected(CB, "201", AT_10_42.plusSeconds(200), 2, 3);
            assertThat(notes.waiting()).isEqualTo(2);
            appeals.away = false;
            timers.advance(Duration.ofSeconds(60));
            assertThat(appeals.written).extracting(s -> s.split(" ")[1]).containsExactly("comment", "operator");
        }

        @Test
        void otherCallBacksAreNotHeldUpByOneThatFails() {
            appeals.away = true;
            notes.expired(CB);
            appeals.away = false;
            notes.expired(new PendingCallback("c2", "dispatch", "+380670000002", "+380444960000", "city", AT_10_42,
                    AT_10_42, AT_10_42, 0));
            assertThat(appeals.written).containsExactly("c2 comment Зворотний дзвінок скасовано: минув строк");
        }

        @Test
        void aStoppedNodeStopsRetrying() {
            appeals.away = true;
            notes.expired(CB);
            notes.stop();
            appeals.away = false;
            timers.advance(Duration.ofMinutes(5));
            assertThat(appeals.asked).hasSize(1);
        }
    }
}
