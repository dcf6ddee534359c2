package ua.vikno.ivr.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import ua.vikno.config.CallQueue;
import ua.vikno.ivr.IvrSettings;
import ua.vikno.ivr.Timers;
import ua.vikno.ivr.callback.CallbackJournal;
import ua.vikno.ivr.callback.CallbackProgress;
import ua.vikno.ivr.callback.PendingCallback;
import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.ivr.schedule.ScheduleGate;
import ua.vikno.pbx.AudioPrompt;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.ConnectOutcome;
import ua.vikno.pbx.ConnectRequest;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Pbx;
import ua.vikno.pbx.PlayOptions;
import ua.vikno.pbx.PlaybackOutcome;

/**
 * A queue in front of a department: callers in arrival order (FIFO), each hearing hold music and, every
 * {@code announce-every}, their position and expected wait. A free operator of the department is offered the
 * first caller not already being offered; after {@code max-wait} a caller goes to the queue's fallback. The
 * call-back key lets a caller hang up and keep their place; a waiting call-back is offered to a free operator like
 * any caller, and its life cycle (working hours, attempts, expiry, restore after a restart) is the
 * {@link QueueCallbacks}', which runs under this queue's lock. The package-private methods it calls back
 * ({@link #position}, {@link #noteWait}, {@link #leave}, {@link #insertByArrival}) expect that lock held.
 */
public final class WaitingQueue {
    /** Note on the resident's call when they asked for a call-back. */
    public static final String CALLBACK_NOTE = CallNotes.CALLBACK;
    /** Note on the operator's call of a call-back: the resident's original call id. */
    public static final String CALLBACK_FOR_NOTE = CallbackDialler.CALLBACK_FOR_NOTE;
    /** Note on the operator's call of a call-back: which attempt of how many, e.g. {@code 2/3}. */
    public static final String CALLBACK_ATTEMPT_NOTE = CallbackDialler.ATTEMPT_NOTE;
    /** Note on the operator's call of a call-back: {@code connected}, or the cause the resident was not reached. */
    public static final String CALLBACK_RESULT_NOTE = CallbackDialler.RESULT_NOTE;
    private static final Logger LOG = LoggerFactory.getLogger(WaitingQueue.class);

    private final CallQueue queue;
    private final RingGroup group;
    private final Clock clock;
    private final Timers timers;
    private final Announcer announcer;
    private final Optional<AudioPrompt> holdMusic;
    private final WaitEstimate estimate;
    private final List<QueueEntry> entries = new ArrayList<>();
    /** Lines rung by this queue at this moment, for offers and call-backs; shared with {@link #callbacks}. */
    private final Set<String> ringing = new HashSet<>();
    private final QueueCallbacks callbacks;

    WaitingQueue(CallQueue queue, RingGroup group, ScheduleGate schedule, Pbx pbx, Clock clock, Timers timers,
                 IvrSettings settings, Prompts prompts, Announcer announcer, CallbackJournal journal,
                 CallbackProgress progress) {
        this.queue = queue;
        this.group = group;
        this.clock = clock;
        this.timers = timers;
        this.announcer = announcer;
        this.holdMusic = queue.holdMusic().flatMap(prompts::find);
        this.estimate = new WaitEstimate(settings.waitPerCaller());
        this.callbacks = new QueueCallbacks(this, queue, group, schedule, pbx, clock, timers, settings, prompts,
                journal, progress, ringing);
    }

    public String id() {
        return queue.id();
    }

    /** The department whose lines serve this queue. */
    public String department() {
        return queue.department();
    }

    /** Puts the caller at the end of the queue; completes when the caller leaves it, however. */
    public synchronized Future<RouteOutcome> join(RoutedCall call, Router router) {
        QueueEntry e = new QueueEntry(call, router, clock.instant(), entries.size() + 1);
        entries.add(e);
        call.call().notes().put(CallNotes.DEPARTMENT, queue.department());
        e.events = call.events().listen(event -> onEvent(e, event));
        e.maxWaitTimer = timers.schedule(queue.maxWait(), () -> onMaxWait(e));
        LOG.debug("call={} joins queue {} at position {}", call.id(), queue.id(), e.positionOnJoining);
        dispatch();
        announce(e);   // only when no operator took the caller at once; schedules the next one either way
        return e.result.future();
    }

    /** The callers in order, those on the line and those waiting for a call-back, for the console and tests. */
    public synchronized List<Waiting> waiting() {
        return entries.stream().map(e -> new Waiting(e.callId, e.number,
                e.state.name().toLowerCase(java.util.Locale.ROOT), e.joinedAt, e.state.onTheLine())).toList();
    }

    /**
     * A caller in the queue as the console shows it, waiting {@code since} they joined; {@code onTheLine} is false
     * for a call-back ({@code awaiting_callback}, {@code held_for_opening}, {@code calling_back},
     * {@code callback_retry}).
     */
    public record Waiting(String callId, String number, String state, java.time.Instant since, boolean onTheLine) {
    }

    /** Offers waiting callers, first come first served, to the free operators of the department. */
    public synchronized void dispatch() {
        for (QueueEntry e : List.copyOf(entries)) {
            if (!e.state.offerable()) {
                continue;
            }
            Optional<String> operator = freeOperator(e);
            if (operator.isEmpty()) {
                return;
            }
            if (e.state == QueueEntry.State.AWAITING_CALLBACK) {
                callbacks.callBackInHours(e, operator.get());
            } else {
                offer(e, operator.get());
            }
        }
    }

    /** A line's presence changed: it may take a caller it declined before. */
    public synchronized void onPresence(String extension) {
        entries.forEach(e -> e.declinedBy.remove(extension));
        dispatch();
    }

    private Optional<String> freeOperator(QueueEntry e) {
        List<String> free = group.freeMembers().stream()
                .filter(m -> !ringing.contains(m) && !e.declinedBy.contains(m)).toList();
        return group.order(free).stream().findFirst();
    }

    /** The caller's place in the queue, 1 for the first. */
    int position(QueueEntry e) {
        return entries.indexOf(e) + 1;
    }

    private void onEvent(QueueEntry e, CallEvent event) {
        synchronized (this) {
            if (event instanceof CallEvent.Digit d && e.state.holding()
                    && queue.callbackKey().filter(k -> k == d.digit()).isPresent() && e.call.trunk().isPresent()) {
                callbacks.request(e);
            } else if (event instanceof CallEvent.Ended && e.state.holding()) {
                leave(e);
                e.result.tryComplete(new RouteOutcome.CallerLeft());
            }
        }
    }

    private void announce(QueueEntry e) {
        if (!e.state.onTheLine()) {
            return;
        }
        e.announceTimer = timers.schedule(queue.announceEvery(), () -> {
            synchronized (this) {
                e.declinedBy.clear();
                announce(e);
                dispatch();
            }
        });
        if (e.state != QueueEntry.State.WAITING) {
            return;
        }
        List<AudioPrompt> words = announcer.announce(queue.id(), position(e), estimate.expected(position(e)));
        e.state = QueueEntry.State.ANNOUNCING;
        Call call = e.call.call();
        call.stopPlayback();
        Future<PlaybackOutcome> played = Future.succeededFuture(PlaybackOutcome.FINISHED);
        for (AudioPrompt p : words) {
            played = played.compose(o -> o == PlaybackOutcome.FINISHED ? call.play(p, PlayOptions.ONCE)
                    : Future.succeededFuture(o));
        }
        played.onComplete(ar -> {
            synchronized (this) {
                if (e.state == QueueEntry.State.ANNOUNCING) {
                    e.state = QueueEntry.State.WAITING;
                    holdMusic.ifPresent(m -> call.play(m, PlayOptions.LOOP));
                }
            }
        });
    }

    private void offer(QueueEntry e, String extension) {
        ringing.add(extension);
        group.rang(extension);
        e.state = QueueEntry.State.OFFERED;
        Call call = e.call.call();
        call.stopPlayback();
        ConnectRequest request = new ConnectRequest(List.of(new Destination.Line(extension)),
                group.department().ringTimeout(), holdMusic, Optional.empty());
        call.connect(request).onComplete(ar -> {
            boolean fallBack;
            synchronized (this) {
                ringing.remove(extension);
                ConnectOutcome outcome = ar.succeeded() ? ar.result()
                        : new ConnectOutcome.NotConnected(HangupCause.SYSTEM_ERROR);
                fallBack = onOfferAnswered(e, extension, outcome);
            }
            if (fallBack) {
                routeToFallback(e);
            }
        });
    }

    /** Handles the end of an offer; true when the caller now goes to the fallback (routed outside the lock). */
    private boolean onOfferAnswered(QueueEntry e, String extension, ConnectOutcome outcome) {
        if (outcome instanceof ConnectOutcome.Bridged b) {
            Duration waited = noteWait(e);
            estimate.served(waited, e.positionOnJoining);
            leave(e);
            e.result.tryComplete(new RouteOutcome.Connected(b.party()));
            return false;
        }
        if (((ConnectOutcome.NotConnected) outcome).cause() == HangupCause.CALLER_ABANDONED
                || e.call.call().state() == ua.vikno.pbx.CallState.ENDED) {
            leave(e);
            e.result.tryComplete(new RouteOutcome.CallerLeft());
            return false;
        }
        e.declinedBy.add(extension);
        if (!clock.instant().isBefore(e.joinedAt.plus(queue.maxWait()))) {
            leaveForFallback(e);   // the maximum wait passed while the operator's line rang
            return true;
        }
        e.state = QueueEntry.State.WAITING;
        holdMusic.ifPresent(m -> e.call.call().play(m, PlayOptions.LOOP));
        dispatch();
        return false;
    }

    private void onMaxWait(QueueEntry e) {
        boolean fallBack;
        synchronized (this) {
            fallBack = e.state.holding();
            if (fallBack) {
                leaveForFallback(e);
            }
        }
        if (fallBack) {
            routeToFallback(e);
        }
    }

    private void leaveForFallback(QueueEntry e) {
        LOG.debug("call={} waited {} in queue {}: fallback {}", e.callId, queue.maxWait(), queue.id(),
                queue.fallback());
        noteWait(e);
        leave(e);
        e.call.call().stopPlayback();
    }

    /** Outside this queue's lock: the fallback may be another queue, whose lock this must not be held under. */
    private void routeToFallback(QueueEntry e) {
        e.router.route(e.call, queue.fallback()).onComplete(ar -> e.result.tryComplete(
                ar.succeeded() ? ar.result() : new RouteOutcome.HungUp(String.valueOf(ar.cause()))));
    }

    /**
     * Puts back a call-back kept over a restart, at its place among the callers by when they joined, with its
     * attempts and expiry; one whose expiry passed meanwhile is dropped.
     */
    public synchronized void restore(PendingCallback kept) {
        callbacks.restore(kept);
    }

    /** Inserts a restored call-back among the callers by when they joined; returns its position. */
    /** Whether {@code callId} is in this queue already. */
    boolean holds(String callId) {
        return entries.stream().anyMatch(e -> e.callId.equals(callId));
    }

    int insertByArrival(QueueEntry e) {
        int at = 0;
        while (at < entries.size() && !entries.get(at).joinedAt.isAfter(e.joinedAt)) {
            at++;
        }
        entries.add(at, e);
        return at + 1;
    }

    /** Notes on the caller's call how long they waited in the queue. */
    Duration noteWait(QueueEntry e) {
        Duration waited = Duration.between(e.joinedAt, clock.instant());
        e.call.call().notes().put(CallNotes.QUEUE_WAIT_MS, Long.toString(waited.toMillis()));
        return waited;
    }

    /** Takes the caller out of the queue, stopping their timers. */
    void leave(QueueEntry e) {
        e.state = QueueEntry.State.LEFT;
        e.release();
        entries.remove(e);
    }
}
