package ua.vikno.appeals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import ua.vikno.appeals.internal.RedisAppealStore;

/**
 * The appeals registry: every completed call becomes an appeal; status changes follow {@link AppealStatus};
 * each change is durable in Redis before the resident is notified.
 */
public final class AppealService {
    private static final Logger LOG = LoggerFactory.getLogger(AppealService.class);
    private static final String SYSTEM = "vikno";
    private static final int LINK_LOOKBACK = 20;
    private static final int WRITE_ROUNDS = 16;
    /** The reason of the SMS that tells a resident their appeal was registered. */
    private static final String REGISTERED_SMS = "registered";

    private final RedisAppealStore store;
    private final Clock clock;
    private final ZoneId zone;
    private final AppealNotifier notifier;

    /**
     * @param zone the site's time zone: the year in an appeal number is the local year of the call
     */
    public AppealService(RedisAsyncCommands<String, String> redis, Clock clock, ZoneId zone, AppealNotifier notifier) {
        this(redis, 0, clock, zone, notifier);
    }

    /**
     * @param database the Redis database {@code redis} is on: it names the channel changes are published on, which
     *                 a subscriber of {@link AppealChange#channel} of the same database hears
     * @param zone     the site's time zone: the year in an appeal number is the local year of the call
     */
    public AppealService(RedisAsyncCommands<String, String> redis, int database, Clock clock, ZoneId zone,
                         AppealNotifier notifier) {
        this.store = new RedisAppealStore(redis, database);
        this.clock = clock;
        this.zone = zone;
        this.notifier = notifier;
    }

    /**
     * Registers the appeal of a completed call (once per call id, even if called again after a crash), linked to
     * an open appeal of the same phone and category when there is one.
     */
    public Future<Appeal> registerCall(CompletedCall call) {
        String category = String.join(" / ", call.category());
        return openAppealAbout(call.caller(), category).compose(linked -> {
            Instant now = clock.instant();
            Appeal draft = new Appeal("__NUMBER__", call.endedAt(), now, call.caller(), call.kind(), category,
                    call.ivrPath(), call.department(), call.operator(), Optional.empty(), AppealStatus.REGISTERED,
                    call.callId(), call.recording(), linked.map(Appeal::number), List.of(), 1);
            HistoryEntry created = new HistoryEntry(now, SYSTEM, HistoryEntry.Action.CREATED, Optional.empty(),
                    Optional.of(AppealStatus.REGISTERED), "call " + call.callId() + " (" + call.kind().name().toLowerCase(java.util.Locale.ROOT) + ")");
            int year = call.endedAt().atZone(zone).getYear();
            return store.create(draft, created, call, year).compose(result -> get(result.number()).compose(appeal -> {
                        if (!result.isNew()) {
                            return Future.succeededFuture(appeal);
                        }
                        LOG.atInfo().addKeyValue("call", call.callId()).addKeyValue("appeal", appeal.number())
                                .log("appeal {} registered for {} ({})", appeal.number(), appeal.phone(), appeal.category());
                        linked.ifPresent(old -> noteRepeatedCall(old, appeal));
                        // completes once the SMS is queued (or failed to be), so a caller that saw it complete
                        // knows nothing is left to redo after a crash
                        return notifyQuietly(appeal, created).map(appeal);
                    }));
        });
    }

    /**
     * Registers the appeal of a call that a crashed run may have left half done: as {@link #registerCall}, and if
     * the appeal already existed but has no "registered" SMS, tells the resident now (the SMS id is stable, so a
     * message that was queued after all is sent once).
     */
    public Future<Appeal> recoverCall(CompletedCall call) {
        return registerCall(call).compose(registered -> get(registered.number())).compose(appeal -> {
            boolean told = appeal.sms().stream().anyMatch(n -> n.reason().equals(REGISTERED_SMS));
            if (told) {
                return Future.succeededFuture(appeal);
            }
            HistoryEntry created = new HistoryEntry(clock.instant(), SYSTEM, HistoryEntry.Action.CREATED,
                    Optional.empty(), Optional.of(AppealStatus.REGISTERED), "call " + call.callId() + " (recovered)");
            return notifyQuietly(appeal, created).compose(v -> get(appeal.number()));
        });
    }

    public Future<Appeal> get(String number) {
        return store.get(number);
    }

    public Future<List<HistoryEntry>> history(String number) {
        return store.get(number).compose(a -> store.history(number));
    }

    public Future<Page<Appeal>> list(AppealQuery query) {
        return store.query(query);
    }

    public Future<List<CompletedCall>> calls(Instant from, Instant to) {
        return store.calls(from, to);
    }

    /** Moves an appeal to {@code to}, if its lifecycle allows, and tells the resident. */
    public Future<Appeal> changeStatus(String number, AppealStatus to, String actor, String comment) {
        return untilWritten(number, before -> {
            if (!before.status().canMoveTo(to)) {
                return Future.failedFuture(new AppealFailure.IllegalTransition(number, before.status(), to));
            }
            Instant now = clock.instant();
            HistoryEntry entry = new HistoryEntry(now, actor, HistoryEntry.Action.STATUS, Optional.of(before.status()),
                    Optional.of(to), comment);
            return store.update(before, before.withChange(to, before.assignee(), now), entry)
                    .onSuccess(after -> notifyQuietly(after, entry));
        });
    }

    /** Assigns an open appeal to an operator or department; a registered or reopened one becomes assigned. */
    public Future<Appeal> assign(String number, String assignee, String actor, String comment) {
        if (assignee == null || assignee.isBlank()) {
            return Future.failedFuture(new AppealFailure.Invalid("assignee is required"));
        }
        return untilWritten(number, before -> {
            if (!before.status().isOpen()) {
                return Future.failedFuture(new AppealFailure.IllegalTransition(number, before.status(), AppealStatus.ASSIGNED));
            }
            boolean statusChanges = before.status() == AppealStatus.REGISTERED || before.status() == AppealStatus.REOPENED;
            AppealStatus to = statusChanges ? AppealStatus.ASSIGNED : before.status();
            Instant now = clock.instant();
            HistoryEntry entry = new HistoryEntry(now, actor, HistoryEntry.Action.ASSIGNED, Optional.of(before.status()),
                    Optional.of(to), assignee + (comment == null || comment.isBlank() ? "" : ": " + comment));
            return store.update(before, before.withChange(to, Optional.of(assignee), now), entry)
                    .onSuccess(after -> {
                        if (statusChanges) {
                            notifyQuietly(after, entry);
                        }
                    });
        });
    }

    public Future<Appeal> comment(String number, String actor, String text) {
        if (text == null || text.isBlank()) {
            return Future.failedFuture(new AppealFailure.Invalid("text is required"));
        }
        return untilWritten(number, before -> {
            Instant now = clock.instant();
            HistoryEntry entry = new HistoryEntry(now, actor, HistoryEntry.Action.COMMENT, Optional.empty(),
                    Optional.empty(), text);
            return store.update(before, before.withChange(before.status(), before.assignee(), now), entry);
        });
    }

    /** The appeal made from call {@code callId}, if it is registered yet. */
    public Future<Optional<Appeal>> ofCall(String callId) {
        return store.numberOfCall(callId).compose(number -> number.isEmpty()
                ? Future.succeededFuture(Optional.empty()) : get(number.get()).map(Optional::of));
    }

    /**
     * A call-back reached the resident of a {@link AppealKind#CALLBACK} appeal: {@code operator} becomes the appeal's
     * operator and, while it is open, its assignee (a registered or reopened appeal becomes assigned and the
     * resident is told, as {@link #assign} does); {@code note} goes into the history.
     */
    public Future<Appeal> callbackConnected(String number, String operator, String actor, String note) {
        return untilWritten(number, before -> {
            Instant now = clock.instant();
            boolean open = before.status().isOpen();
            boolean statusChanges = before.status() == AppealStatus.REGISTERED || before.status() == AppealStatus.REOPENED;
            AppealStatus to = statusChanges ? AppealStatus.ASSIGNED : before.status();
            Appeal after = before.withOperator(Optional.of(operator), to,
                    open ? Optional.of(operator) : before.assignee(), now);
            HistoryEntry entry = open
                    ? new HistoryEntry(now, actor, HistoryEntry.Action.ASSIGNED, Optional.of(before.status()),
                            Optional.of(to), operator + ": " + note)
                    : new HistoryEntry(now, actor, HistoryEntry.Action.COMMENT, Optional.empty(), Optional.empty(), note);
            return store.update(before, after, entry).onSuccess(written -> {
                if (statusChanges) {
                    notifyQuietly(written, entry);
                }
            });
        });
    }

    /**
     * Attaches the recording of a call-back conversation ({@code recording}, relative to the recording directory)
     * to the resident's {@link AppealKind#CALLBACK} appeal, so the appeal card plays it; noted in the history.
     */
    public Future<Appeal> attachCallbackRecording(String number, String recording, String actor) {
        if (recording == null || recording.isBlank()) {
            return Future.failedFuture(new AppealFailure.Invalid("recording is required"));
        }
        return untilWritten(number, before -> {
            Instant now = clock.instant();
            HistoryEntry entry = new HistoryEntry(now, actor, HistoryEntry.Action.COMMENT, Optional.empty(),
                    Optional.empty(), "Запис зворотного дзвінка: " + recording);
            return store.update(before, before.withRecording(Optional.of(recording), now), entry);
        });
    }

    /** Sends an operator's own SMS to the resident of the appeal and keeps it in the appeal's SMS history. */
    public Future<Appeal> sendPersonalSms(String number, String actor, String text) {
        if (text == null || text.isBlank()) {
            return Future.failedFuture(new AppealFailure.Invalid("text is required"));
        }
        return store.get(number).compose(appeal -> notifier.sendPersonal(appeal, text.strip(), actor))
                .compose(note -> recordSms(number, note));
    }

    /** Updates the delivery status of an SMS already on the appeal, keeping its reason and text. */
    public Future<Appeal> updateSmsStatus(String number, String smsId, String status, Instant at) {
        return store.get(number).compose(before -> {
            SmsNote known = before.sms().stream().filter(n -> n.id().equals(smsId)).findFirst().orElse(null);
            if (known == null) {
                return Future.failedFuture(new AppealFailure.Invalid("appeal " + number + " has no SMS " + smsId));
            }
            return recordSms(number, new SmsNote(smsId, known.reason(), known.text(), status, at));
        });
    }

    /** Records an SMS about the appeal, or its new delivery status (matched by the SMS id). */
    public Future<Appeal> recordSms(String number, SmsNote note) {
        return untilWritten(number, before -> {
            List<SmsNote> notes = new ArrayList<>(before.sms());
            boolean known = notes.removeIf(n -> n.id().equals(note.id()));
            notes.add(note);
            HistoryEntry entry = known ? null : new HistoryEntry(clock.instant(), SYSTEM, HistoryEntry.Action.SMS,
                    Optional.empty(), Optional.empty(), note.reason() + ": " + note.text());
            return store.update(before, before.withSms(notes, clock.instant()), entry);
        });
    }

    /**
     * Applies {@code change} to the appeal as it is now, and again to a fresh read when somebody else (an SMS
     * receipt, another operator, another node) wrote it in between: the console sends no version, so a request
     * fails only when the fresh state refuses it, or after {@value #WRITE_ROUNDS} conflicting rounds.
     */
    private Future<Appeal> untilWritten(String number, Function<Appeal, Future<Appeal>> change) {
        return untilWritten(number, change, 1);
    }

    private Future<Appeal> untilWritten(String number, Function<Appeal, Future<Appeal>> change, int round) {
        return store.get(number).compose(change).recover(e -> e instanceof AppealFailure.Conflict && round < WRITE_ROUNDS
                ? untilWritten(number, change, round + 1)
                : Future.failedFuture(e));
    }

    /** The newest open appeal of {@code phone} about {@code category} that is not itself a repeat; one MGET. */
    private Future<Optional<Appeal>> openAppealAbout(String phone, String category) {
        return store.latestOfPhone(phone, LINK_LOOKBACK).compose(store::getAll).map(appeals -> appeals.stream()
                .filter(a -> a.status().isOpen() && a.category().equals(category) && a.linkedTo().isEmpty())
                .findFirst());
    }

    private void noteRepeatedCall(Appeal old, Appeal repeat) {
        untilWritten(old.number(), current -> store.update(current,
                current.withChange(current.status(), current.assignee(), clock.instant()),
                new HistoryEntry(clock.instant(), SYSTEM, HistoryEntry.Action.REPEATED_CALL, Optional.empty(),
                        Optional.empty(), "repeated call: appeal " + repeat.number())))
                .onFailure(e -> LOG.warn("could not note repeated call {} on {}: {}", repeat.number(), old.number(), e.toString()));
    }

    private Future<Void> notifyQuietly(Appeal appeal, HistoryEntry change) {
        return notifier.appealChanged(appeal, change).recover(e -> {
            LOG.atWarn().addKeyValue("appeal", appeal.number()).log("notifying the resident failed: {}", e.toString());
            return Future.succeededFuture();
        });
    }
}
