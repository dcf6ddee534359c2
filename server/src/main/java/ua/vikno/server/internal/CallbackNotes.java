package ua.vikno.server.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import ua.vikno.appeals.Appeal;
import ua.vikno.appeals.AppealService;
import ua.vikno.ivr.Timers;
import ua.vikno.ivr.callback.CallbackProgress;
import ua.vikno.ivr.callback.PendingCallback;

/**
 * Writes each call-back attempt on the resident's {@code callback} appeal as a history note in Ukrainian (a
 * connected call-back also makes its operator the appeal's operator and assignee), and attaches the recording of
 * the conversation. The notes of one call-back are written in order; one that fails (Redis away, or the appeal
 * not registered yet) is tried again every {@link #RETRY} while the node runs.
 */
public final class CallbackNotes implements CallbackProgress {
    /** How long a note that could not be written waits before it is tried again. */
    static final Duration RETRY = Duration.ofSeconds(60);
    /** Who the notes are by in the appeal's history. */
    static final String ACTOR = "vikno";
    private static final Logger LOG = LoggerFactory.getLogger(CallbackNotes.class);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** Where the notes go: the appeal made from a resident's call. Each operation fails when it is not written. */
    public interface Appeals {
        Future<Void> comment(String callId, String text);

        Future<Void> connected(String callId, String operator, String text);

        Future<Void> recording(String callId, String recording);

        /** The appeals registry: the appeal is looked up by the resident's call id each time. */
        static Appeals of(AppealService service) {
            return new Appeals() {
                @Override
                public Future<Void> comment(String callId, String text) {
                    return appeal(callId).compose(a -> service.comment(a.number(), ACTOR, text)).mapEmpty();
                }

                @Override
                public Future<Void> connected(String callId, String operator, String text) {
                    return appeal(callId).compose(a -> service.callbackConnected(a.number(), operator, ACTOR, text))
                            .mapEmpty();
                }

                @Override
                public Future<Void> recording(String callId, String recording) {
                    return appeal(callId).compose(a -> service.attachCallbackRecording(a.number(), recording, ACTOR))
                            .mapEmpty();
                }

                private Future<Appeal> appeal(String callId) {
                    return service.ofCall(callId).compose(a -> a.map(Future::succeededFuture).orElseGet(() ->
                            Future.failedFuture(new IllegalStateException("the appeal of call " + callId
                                    + " is not registered yet"))));
                }
            };
        }
    }

    private record Note(String what, Function<Appeals, Future<Void>> write) {
    }

    private final Appeals appeals;
    private final Timers timers;
    private final ZoneId zone;
    private final Map<String, Queue<Note>> queued = new HashMap<>();
    private boolean stopped;

    /** @param zone the site's time zone, for the times in the notes */
    public CallbackNotes(Appeals appeals, Timers timers, ZoneId zone) {
        this.appeals = appeals;
        this.timers = timers;
        this.zone = zone;
    }

    static String connectedText(String operator, Instant at, ZoneId zone, int attempt, int attempts) {
        return "Зворотний дзвінок: з’єднано з оператором " + operator + " о " + HH_MM.format(at.atZone(zone))
                + " (спроба " + attempt + " з " + attempts + ")";
    }

    static String missedText(Miss why, Instant next, ZoneId zone, int attempt, int attempts) {
        return "Зворотний дзвінок: " + (why == Miss.RESIDENT ? "абонент не відповів" : "оператори не відповіли")
                + "; наступна спроба не раніше " + HH_MM.format(next.atZone(zone))
                + " (спроба " + attempt + " з " + attempts + ")";
    }

    static String givenUpText(Miss why, int attempts) {
        // "після 1 спроби", "після 3 спроб", "після 21 спроби"
        boolean one = attempts % 10 == 1 && attempts % 100 != 11;
        return "Зворотний дзвінок не вдався після " + attempts + (one ? " спроби" : " спроб")
                + (why == Miss.OPERATORS ? ": оператори не відповіли" : "");
    }

    static String expiredText() {
        return "Зворотний дзвінок скасовано: минув строк";
    }

    @Override
    public void connected(PendingCallback cb, String operator, Instant at, int attempt, int attempts) {
        String text = connectedText(operator, at, zone, attempt, attempts);
        add(cb.callId(), new Note(text, a -> a.connected(cb.callId(), operator, text)));
    }

    @Override
    public void missed(PendingCallback cb, Miss why, int attempt, int attempts, Instant nextNotBefore) {
        String text = missedText(why, nextNotBefore, zone, attempt, attempts);
        add(cb.callId(), new Note(text, a -> a.comment(cb.callId(), text)));
    }

    @Override
    public void givenUp(PendingCallback cb, Miss why, int attempts) {
        String text = givenUpText(why, attempts);
        add(cb.callId(), new Note(text, a -> a.comment(cb.callId(), text)));
    }

    @Override
    public void expired(PendingCallback cb) {
        String text = expiredText();
        add(cb.callId(), new Note(text, a -> a.comment(cb.callId(), text)));
    }

    /** Attaches the recording of a call-back conversation to the appeal of the resident's call {@code callId}. */
    public void recording(String callId, String recording) {
        add(callId, new Note("recording " + recording, a -> a.recording(callId, recording)));
    }

    /** Notes not written yet, for health and tests. */
    public synchronized int waiting() {
        return queued.values().stream().mapToInt(Queue::size).sum();
    }

    /** Stops retrying: what is not written by now is not. */
    public synchronized void stop() {
        stopped = true;
    }

    private synchronized void add(String callId, Note note) {
        Queue<Note> notes = queued.computeIfAbsent(callId, id -> new ArrayDeque<>());
        notes.add(note);
        if (notes.size() == 1) {
            write(callId);
        }
    }

    /** Writes the first note of {@code callId}; the next follows once it is written. */
    private synchronized void write(String callId) {
        Queue<Note> notes = queued.get(callId);
        if (notes == null || notes.isEmpty() || stopped) {
            return;
        }
        Note note = notes.peek();
        Future<Void> written;
        try {
            written = note.write().apply(appeals);
        } catch (RuntimeException e) {
            written = Future.failedFuture(e);
        }
        written.onComplete(ar -> written(callId, note, ar.failed() ? Optional.of(ar.cause()) : Optional.empty()));
    }

    private synchronized void written(String callId, Note note, Optional<Throwable> failure) {
        Queue<Note> notes = queued.get(callId);
        if (failure.isPresent()) {
            LOG.atWarn().addKeyValue("call", callId).log("call-back note \"{}\" could not be written on the appeal: {}; "
                    + "trying again in {} s", note.what(), failure.get().toString(), RETRY.toSeconds());
            timers.schedule(RETRY, () -> write(callId));
            return;
        }
        notes.poll();
        if (notes.isEmpty()) {
            queued.remove(callId);
        } else {
            write(callId);
        }
    }
}
