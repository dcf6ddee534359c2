package ua.vikno.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import ua.vikno.testkit.RedisServer;
import ua.vikno.testkit.SharedRedis;

class AppealServiceTest {
    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    static final List<String> HOT_WATER = List.of("Водопостачання", "Гаряча вода");

    RedisClient client;
    StatefulRedisConnection<String, String> connection;
    final List<String> notified = new CopyOnWriteArrayList<>();
    AppealService appeals;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * The notifier runs after the change is stored and reads it back from Redis on its own, so the operation's
     * future can complete first: wait (briefly) for the notifications, then check them exactly.
     */
    void assertNotified(String... expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (notified.size() < expected.length && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(notified).containsExactly(expected);
    }

    void connect(String url) {
        client = RedisClient.create(url);
        connection = client.connect();
        appeals = new AppealService(connection.async(), Clock.fixed(NOW, ZoneOffset.UTC), KYIV, (appeal, change) -> {
            // What a notifier sees must already be durable: read it back from Redis.
            return Future.fromCompletionStage(connection.async().get("vikno:{ap}:appeal:" + appeal.number()))
                    .map(stored -> {
                        notified.add(appeal.number() + " " + change.action() + " "
                                + change.to().map(AppealStatus::key).orElse("") + (stored == null ? " NOT STORED" : ""));
                        return null;
                    });
        });
    }

    @BeforeEach
    void cleanDatabase() {
        connect(SharedRedis.get().url().replace("/0", "/3"));
        connection.sync().flushdb();
    }

    @AfterEach
    void close() {
        connection.close();
        client.shutdown();
    }

    @Nested
    class Registering {
        @Test
        void aCompletedCallBecomesARegisteredAppealNumberedPerYear() throws Exception {
            Appeal first = await(appeals.registerCall(Calls.answered("+380671234567", NOW, "water", "210", HOT_WATER,
                    Duration.ofSeconds(5), Duration.ofSeconds(70))));
            Appeal second = await(appeals.registerCall(Calls.missed("+380501112233", NOW, "electricity", Duration.ofSeconds(30))));

            assertThat(first.number()).isEqualTo("2026-000001");
            assertThat(second.number()).isEqualTo("2026-000002");
            assertThat(first.status()).isEqualTo(AppealStatus.REGISTERED);
            assertThat(first.category()).isEqualTo("Водопостачання / Гаряча вода");
            assertThat(first.operator()).contains("210");
            assertThat(first.department()).contains("water");
            assertThat(first.recording()).contains("recordings/x.mp3");
            assertThat(second.kind()).isEqualTo(AppealKind.ABANDONED);
            assertThat(await(appeals.get("2026-000001"))).isEqualTo(first);
        }

        @Test
        void aCallBackRequestIsACallBackAppealInTheJournalAndTheCallHistory() throws Exception {
            Appeal a = await(appeals.registerCall(Calls.callbackRequested("+380501112233", NOW, "dispatch",
                    Duration.ofSeconds(10))));
            assertThat(a.kind()).isEqualTo(AppealKind.CALLBACK);
            assertThat(await(appeals.get(a.number())).kind()).isEqualTo(AppealKind.CALLBACK);
            assertThat(await(appeals.calls(NOW.minusSeconds(3600), NOW.plusSeconds(60))))
                    .singleElement().extracting(CompletedCall::kind).isEqualTo(AppealKind.CALLBACK);
            assertThat(ua.vikno.appeals.internal.AppealJson.key(AppealKind.CALLBACK)).isEqualTo("callback");
        }

        @Test
        void theYearOfTheNumberIsTheLocalYearInKyiv() throws Exception {
            Instant newYearInKyiv = Instant.parse("2026-12-31T22:30:00Z"); // 00:30 on 1 January 2027 in Kyiv
            Appeal a = await(appeals.registerCall(Calls.answered("+380671234567", newYearInKyiv, "water", "210",
                    HOT_WATER, Duration.ZERO, Duration.ofSeconds(30))));
            assertThat(a.number()).isEqualTo("2027-000001");
        }

        @Test
        void theSameCallRegisteredTwiceMakesOneAppealAndOneNotification() throws Exception {
            CompletedCall call = Calls.answered("+380671234567", NOW, "water", "210", HOT_WATER, Duration.ZERO, Duration.ofSeconds(30));
            Appeal once = await(appeals.registerCall(call));
            Appeal again = await(appeals.registerCall(call));
            assertThat(again.number()).isEqualTo(once.number());
            assertNotified("2026-000001 CREATED registered");
        }

        @Test
        void theResidentIsNotifiedOnlyAfterTheAppealIsStored() throws Exception {
            await(appeals.registerCall(Calls.answered("+380671234567", NOW, "water", "210", HOT_WATER, Duration.ZERO, Duration.ofSeconds(30))));
            assertNotified("2026-000001 CREATED registered");
        }

        @Test
        void aRepeatedCallAboutAnOpenAppealIsLinkedToIt() throws Exception {
            Appeal first = await(appeals.registerCall(Calls.answered("+380671234567", NOW, "water", "210", HOT_WATER, Duration.ZERO, Duration.ofSeconds(30))));
            Appeal repeat = await(appeals.registerCall(Calls.answered("+380671234567", NOW.plusSeconds(3600), "water", "211", HOT_WATER, Duration.ZERO, Duration.ofSeconds(30))));
            assertThat(repeat.linkedTo()).contains(first.number());
            Thread.sleep(200); // the note on the first appeal is written after the reply
            assertThat(await(appeals.history(first.number()))).extracting(HistoryEntry::action)
                    .contains(HistoryEntry.Action.REPEATED_CALL);
        }
    }

    @Nested
    class CallingBack {
        Appeal requested;
        CompletedCall call;

        @BeforeEach
        void register() throws Exception {
            call = Calls.callbackRequested("+380501112233", NOW, "dispatch", Duration.ofSeconds(10));
            requested = await(appeals.registerCall(call));
            notified.clear();
        }

        @Test
        void theAppealOfTheResidentsCallIsFoundByItsCallId() throws Exception {
            assertThat(await(appeals.ofCall(call.callId()))).hasValueSatisfying(a ->
                    assertThat(a.number()).isEqualTo(requested.number()));
            assertThat(await(appeals.ofCall("no-such-call"))).isEmpty();
        }

        @Test
        void aConnectedCallBackMakesItsOperatorTheAppealsOperatorAndAssignee() throws Exception {
            Appeal after = await(appeals.callbackConnected(requested.number(), "200", "vikno",
                    "Зворотний дзвінок: з’єднано з оператором 200 о 11:00 (спроба 1 з 3)"));
            assertThat(after.operator()).contains("200");
            assertThat(after.assignee()).contains("200");
            assertThat(after.status()).isEqualTo(AppealStatus.ASSIGNED);
            assertThat(await(appeals.get(requested.number()))).isEqualTo(after);
            assertThat(await(appeals.history(requested.number()))).last().satisfies(h -> {
                assertThat(h.action()).isEqualTo(HistoryEntry.Action.ASSIGNED);
                assertThat(h.detail()).isEqualTo("200: Зворотний дзвінок: з’єднано з оператором 200 о 11:00 (спроба 1 з 3)");
            });
            assertNotified(requested.number() + " ASSIGNED assigned");
        }

        @Test
        void theRecordingOfTheCallBackIsAttachedWithAHistoryEntry() throws Exception {
            Appeal after = await(appeals.attachCallbackRecording(requested.number(), "2026/11/26/o-200.mp3", "vikno"));
            assertThat(after.recording()).contains("2026/11/26/o-200.mp3");
            assertThat(await(appeals.get(requested.number())).recording()).contains("2026/11/26/o-200.mp3");
            assertThat(await(appeals.history(requested.number()))).last().satisfies(h -> {
                assertThat(h.action()).isEqualTo(HistoryEntry.Action.COMMENT);
                assertThat(h.actor()).isEqualTo("vikno");
                assertThat(h.detail()).isEqualTo("Запис зворотного дзвінка: 2026/11/26/o-200.mp3");
            });
        }
    }

    @Nested
    class ChangingStatus {
        Appeal appeal;

        @BeforeEach
        void register() throws Exception {
            appeal = await(appeals.registerCall(Calls.answered("+380671234567", NOW, "water", "210", HOT_WATER, Duration.ZERO, Duration.ofSeconds(30))));
        }

        @Test
        void followsTheLifecycleAndKeepsWhoWhenAndWhy() throws Exception {
            await(appeals.assign(appeal.number(), "210", "koval", "бригада сантехніків"));
            await(appeals.changeStatus(appeal.number(), AppealStatus.IN_PROGRESS, "bondar", "виїхали"));
            Appeal resolved = await(appeals.changeStatus(appeal.number(), AppealStatus.RESOLVED, "bondar", "замінено кран"));

            assertThat(resolved.status()).isEqualTo(AppealStatus.RESOLVED);
            assertThat(resolved.assignee()).contains("210");
            List<HistoryEntry> history = await(appeals.history(appeal.number()));
            assertThat(history).extracting(HistoryEntry::action).containsExactly(HistoryEntry.Action.CREATED,
                    HistoryEntry.Action.ASSIGNED, HistoryEntry.Action.STATUS, HistoryEntry.Action.STATUS);
            assertThat(history.get(3).actor()).isEqualTo("bondar");
            assertThat(history.get(3).detail()).isEqualTo("замінено кран");
            assertThat(history.get(3).from()).contains(AppealStatus.IN_PROGRESS);
            assertNotified("2026-000001 CREATED registered", "2026-000001 ASSIGNED assigned",
                    "2026-000001 STATUS in-progress", "2026-000001 STATUS resolved");
        }

        @Test
        void anIllegalTransitionIsRefusedAndChangesNothing() throws Exception {
            assertThatThrownBy(() -> await(appeals.changeStatus(appeal.number(), AppealStatus.REOPENED, "koval", "")))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(AppealFailure.IllegalTransition.class)
                    .hasMessageContaining("cannot go from registered to reopened");
            assertThat(await(appeals.get(appeal.number()))).isEqualTo(appeal);
            assertThat(await(appeals.history(appeal.number()))).hasSize(1);
        }

        @Test
        void aClosedAppealCanBeReopened() throws Exception {
            await(appeals.changeStatus(appeal.number(), AppealStatus.REJECTED, "koval", "не наша зона"));
            Appeal reopened = await(appeals.changeStatus(appeal.number(), AppealStatus.REOPENED, "koval", "помилка"));
            assertThat(reopened.status()).isEqualTo(AppealStatus.REOPENED);
        }

        @Test
        void anUnknownAppealIsNotFound() {
            assertThatThrownBy(() -> await(appeals.changeStatus("2026-999999", AppealStatus.RESOLVED, "koval", "")))
                    .cause().isInstanceOf(AppealFailure.NotFound.class);
        }

        @Test
        void operatorsChangingOneAppealAtOnceAllSucceedAndNoChangeIsLost() throws Exception {
            List<Future<Appeal>> changes = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                changes.add(appeals.comment(appeal.number(), "operator-" + i, "коментар " + i));
            }
            changes.add(appeals.assign(appeal.number(), "210", "koval", ""));
            changes.add(appeals.recordSms(appeal.number(), new SmsNote("sms-9", "registered", "текст", "queued", NOW)));
            await(Future.all(changes));

            assertThat(await(appeals.history(appeal.number()))).extracting(HistoryEntry::action)
                    .containsOnly(HistoryEntry.Action.CREATED, HistoryEntry.Action.COMMENT,
                            HistoryEntry.Action.ASSIGNED, HistoryEntry.Action.SMS)
                    .hasSize(11);
            Appeal now = await(appeals.get(appeal.number()));
            assertThat(now.assignee()).contains("210");
            assertThat(now.sms()).hasSize(1);
        }

        @Test
        void ofTwoOperatorsClosingAnAppealAtOnceTheSecondIsRefusedByTheLifecycle() throws Exception {
            Future<Appeal> first = appeals.changeStatus(appeal.number(), AppealStatus.REJECTED, "koval", "не наша зона");
            Future<Appeal> second = appeals.changeStatus(appeal.number(), AppealStatus.REJECTED, "bondar", "дубль");
            await(Future.join(first, second).otherwiseEmpty());
            assertThat(List.of(first.succeeded(), second.succeeded())).containsExactlyInAnyOrder(true, false);
            Throwable refused = first.failed() ? first.cause() : second.cause();
            assertThat(refused).isInstanceOf(AppealFailure.IllegalTransition.class);
            assertThat(await(appeals.history(appeal.number()))).filteredOn(h -> h.action() == HistoryEntry.Action.STATUS)
                    .hasSize(1);
        }

        @Test
        void smsStatusesAreKeptOnTheAppealOncePerMessage() throws Exception {
            Instant t = NOW.plusSeconds(5);
            await(appeals.recordSms(appeal.number(), new SmsNote("sms-1", "registered", "Звернення №2026-000001 зареєстровано", "queued", t)));
            await(appeals.recordSms(appeal.number(), new SmsNote("sms-1", "registered", "Звернення №2026-000001 зареєстровано", "delivered", t)));
            Appeal a = await(appeals.get(appeal.number()));
            assertThat(a.sms()).singleElement().satisfies(s -> assertThat(s.status()).isEqualTo("delivered"));
            assertThat(await(appeals.history(appeal.number()))).filteredOn(h -> h.action() == HistoryEntry.Action.SMS).hasSize(1);
        }
    }

    @Nested
    class Journal {
        @BeforeEach
        void fill() throws Exception {
            for (int i = 0; i < 30; i++) {
                String dept = i % 3 == 0 ? "electricity" : "water";
                CompletedCall c = i % 5 == 4
                        ? Calls.missed("+38067000000" + (i % 4), NOW.plusSeconds(60L * i), dept, Duration.ofSeconds(40))
                        : Calls.answered("+38067000000" + (i % 4), NOW.plusSeconds(60L * i), dept, "2" + (i % 2) + "0",
                        List.of("Cat" + (i % 2)), Duration.ofSeconds(i), Duration.ofSeconds(60));
                await(appeals.registerCall(c));
            }
        }

        AppealQuery query(Optional<String> phone, Optional<AppealStatus> status, Optional<String> dept, int offset, int limit) {
            return new AppealQuery(phone, status, Optional.empty(), dept, Optional.empty(), NOW.minusSeconds(1),
                    NOW.plusSeconds(3600), offset, limit);
        }

        @Test
        void listsNewestFirstWithPaging() throws Exception {
            Page<Appeal> page = await(appeals.list(query(Optional.empty(), Optional.empty(), Optional.empty(), 0, 10)));
            assertThat(page.total()).isEqualTo(30);
            assertThat(page.items()).hasSize(10);
            assertThat(page.items().get(0).number()).isEqualTo("2026-000030");
            Page<Appeal> last = await(appeals.list(query(Optional.empty(), Optional.empty(), Optional.empty(), 25, 10)));
            assertThat(last.items()).extracting(Appeal::number).containsExactly("2026-000005", "2026-000004",
                    "2026-000003", "2026-000002", "2026-000001");
        }

        @Test
        void filtersByPhoneDepartmentAndStatusTogether() throws Exception {
            await(appeals.changeStatus("2026-000005", AppealStatus.REJECTED, "koval", "дубль"));
            Page<Appeal> page = await(appeals.list(query(Optional.of("+380670000000"), Optional.of(AppealStatus.REGISTERED),
                    Optional.of("water"), 0, 50)));
            assertThat(page.items()).allSatisfy(a -> {
                assertThat(a.phone()).isEqualTo("+380670000000");
                assertThat(a.department()).contains("water");
                assertThat(a.status()).isEqualTo(AppealStatus.REGISTERED);
            });
            assertThat(page.total()).isEqualTo(page.items().size()).isPositive();
        }

        @Test
        void filtersByPeriod() throws Exception {
            AppealQuery q = new AppealQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), NOW.plusSeconds(60 * 10), NOW.plusSeconds(60 * 14), 0, 50);
            assertThat(await(appeals.list(q)).items()).extracting(Appeal::number)
                    .containsExactly("2026-000015", "2026-000014", "2026-000013", "2026-000012", "2026-000011");
        }

        @Test
        void keepsTheCallHistoryForAnyPeriod() throws Exception {
            List<CompletedCall> calls = await(appeals.calls(NOW.minusSeconds(3600), NOW.plusSeconds(7200)));
            assertThat(calls).hasSize(30);
            assertThat(calls).filteredOn(c -> c.kind() == AppealKind.ABANDONED).hasSize(6);
        }
    }

    @Test
    void appealsSurviveARedisCrash() throws Exception {
        close();
        try (RedisServer redis = RedisServer.start()) {
            connect(redis.url());
            Appeal a = await(appeals.registerCall(Calls.answered("+380671234567", NOW, "water", "210", HOT_WATER, Duration.ZERO, Duration.ofSeconds(30))));
            redis.kill();
            redis.startAgain();
            assertThat(await(appeals.get(a.number()))).isEqualTo(a);
            assertThat(await(appeals.registerCall(Calls.missed("+380671234567", NOW, "water", Duration.ofSeconds(9)))).number())
                    .isEqualTo("2026-000002");
        }
    }
}
