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

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import ua.vikno.config.CallQueue;
import ua.vikno.ivr.IvrSettings;
import ua.vikno.ivr.Timers;
import ua.vikno.ivr.callback.CallbackJournal;
import ua.vikno.ivr.callback.CallbackProgress;
import ua.vikno.ivr.callback.PendingCallback;
import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.ivr.schedule.ScheduleGate;
import ua.vikno.ivr.schedule.ScheduleStatus;
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
 * first caller not already being offered; after {@code max-wait} a caller goes to the queue's fallback; the
 * call-back key lets a caller hang up and keep their place, and is served by calling the operator first
 * through {@link Pbx#originate}, then the resident through the trunk. A resident who does not answer is called
 * again {@link IvrSettings#callbackRetries()} more times, {@link IvrSettings#callbackRetryDelay()} apart, keeping
 * their place meanwhile; {@link IvrSettings#callbackOperatorMisses()} operators in a row not answering use up an
 * attempt too. Residents are called back only in working hours as the {@link ScheduleGate} has them (overrides
 * included): a call-back due outside them is held, keeping its place, until opening. A call-back not made within
 * the queue's {@code callback-expiry} of being asked for is dropped. Pending call-backs are written through the
 * {@link CallbackJournal} so that a restart neither forgets nor repeats one ({@link #restore}), and each attempt's
 * outcome is told to the {@link CallbackProgress}.
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
    private final ScheduleGate schedule;
    private final CallbackDialler dialler;
    private final Clock clock;
    private final Timers timers;
    private final IvrSettings settings;
    private final Announcer announcer;
    private final Optional<AudioPrompt> holdMusic;
    private final Optional<String> callbackConfirmation;
    private final Endings endings;
    private final CallbackJournal journal;
    private final CallbackProgress progress;
    private final WaitEstimate estimate;
    private final List<QueueEntry> entries = new ArrayList<>();
    private final Set<String> ringing = new HashSet<>();

    WaitingQueue(CallQueue queue, RingGroup group, ScheduleGate schedule, Pbx pbx, Clock clock, Timers timers,
                 IvrSettings settings, Prompts prompts, Announcer announcer, CallbackJournal journal,
                 CallbackProgress progress) {
        this.queue = queue;
        this.group = group;
        this.schedule = schedule;
        this.dialler = new CallbackDialler(pbx);
        this.clock = clock;
        this.timers = timers;
        this.settings = settings;
        this.announcer = announcer;
        this.holdMusic = queue.holdMusic().flatMap(prompts::find);
        this.callbackConfirmation = settings.callbackPrompt().filter(id -> prompts.find(id).isPresent())
                .or(settings::goodbyePrompt);
        this.endings = new Endings(prompts);
        this.estimate = new WaitEstimate(settings.waitPerCaller());
        this.journal = journal;
        this.progress = progress;
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
                callBackInHours(e, operator.get());
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

    private int position(QueueEntry e) {
        return entries.indexOf(e) + 1;
    }

    private void onEvent(QueueEntry e, CallEvent event) {
        synchronized (this) {
            if (event instanceof CallEvent.Digit d && e.state.holding()
                    && queue.callbackKey().filter(k -> k == d.digit()).isPresent() && e.call.trunk().isPresent()) {
                requestCallback(e);
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

    private void requestCallback(QueueEntry e) {
        LOG.debug("call={} asks for a call-back from queue {} at position {}", e.callId, queue.id(), position(e));
        e.state = QueueEntry.State.AWAITING_CALLBACK;
        e.release();
        noteWait(e);
        e.callbackRequestedAt = clock.instant();
        e.callbackExpiresAt = e.callbackRequestedAt.plus(queue.callbackExpiry());
        journal.save(e.pending(queue.id()));
        e.expiryTimer = timers.schedule(queue.callbackExpiry(), () -> onCallbackExpired(e));
        Call call = e.call.call();
        call.notes().put(CALLBACK_NOTE, "requested");
        call.stopPlayback();
        endings.hangUpAfter(e.call, callbackConfirmation, "call-back requested")
                .onComplete(ar -> e.result.tryComplete(new RouteOutcome.CallbackRequested(queue.id())));
        checkHours(e);
    }

    /** A waiting call-back is due again: held if it is outside working hours, else offered to a free operator. */
    private void awaitCallback(QueueEntry e) {
        e.state = QueueEntry.State.AWAITING_CALLBACK;
        checkHours(e);
        dispatch();
    }

    /**
     * Asks the schedule whether a waiting call-back may ring the resident: outside working hours it is held,
     * keeping its place; either way the schedule is asked again at its next change, or after
     * {@link IvrSettings#callbackHoursRecheck()} at the latest.
     */
    private void checkHours(QueueEntry e) {
        schedule.now().onComplete(ar -> {
            synchronized (this) {
                if (e.state == QueueEntry.State.AWAITING_CALLBACK || e.state == QueueEntry.State.HELD_FOR_OPENING) {
                    applyHours(e, ar);
                }
            }
        });
    }

    /** Holds a waiting call-back outside working hours or lets it be offered in them; sets when to ask again. */
    private void applyHours(QueueEntry e, AsyncResult<ScheduleStatus> hours) {
        boolean open = hours.succeeded() && hours.result().open();
        QueueEntry.State before = e.state;
        e.state = open ? QueueEntry.State.AWAITING_CALLBACK : QueueEntry.State.HELD_FOR_OPENING;
        if (hours.failed()) {
            LOG.warn("call={} call-back from queue {} held: the schedule could not be read: {}", e.callId,
                    queue.id(), hours.cause().toString());
        } else if (!open && before != QueueEntry.State.HELD_FOR_OPENING) {
            LOG.info("call={} call-back from queue {} held outside working hours ({})", e.callId, queue.id(),
                    hours.result().describe());
        }
        Duration askAgain = settings.callbackHoursRecheck();
        if (hours.succeeded() && hours.result().nextChange().isPresent()) {
            Duration toChange = Duration.between(clock.instant(), hours.result().nextChange().get());
            if (toChange.compareTo(askAgain) < 0) {
                askAgain = toChange.isNegative() || toChange.isZero() ? Duration.ofSeconds(1) : toChange;
            }
        }
        e.hoursTimer.cancel();
        e.hoursTimer = timers.schedule(askAgain, () -> checkHours(e));
        if (open && before == QueueEntry.State.HELD_FOR_OPENING) {
            LOG.info("call={} call-back from queue {} due: working hours began", e.callId, queue.id());
            e.declinedBy.clear();
            dispatch();
        }
    }

    /**
     * Calls back through {@code extension} if it is working hours now (the last word before a resident's phone
     * rings); the operator is kept for this call-back meanwhile.
     */
    private void callBackInHours(QueueEntry e, String extension) {
        ringing.add(extension);
        e.state = QueueEntry.State.CALLING_BACK;
        schedule.now().onComplete(hours -> {
            synchronized (this) {
                ringing.remove(extension);
                if (e.state != QueueEntry.State.CALLING_BACK) {
                    return;
                }
                if (expired(e)) {
                    expire(e);
                } else if (hours.succeeded() && hours.result().open()) {
                    callBack(e, extension);
                    return;
                } else {
                    e.state = QueueEntry.State.AWAITING_CALLBACK;
                    applyHours(e, hours);
                }
                dispatch();
            }
        });
    }

    private void callBack(QueueEntry e, String extension) {
        ringing.add(extension);
        group.rang(extension);
        e.state = QueueEntry.State.CALLING_BACK;
        int attempt = e.callbackAttempts + 1;
        int attempts = 1 + settings.callbackRetries();
        dialler.callBack(new CallbackDialler.Resident(e.callId, e.number, e.dialled), e.trunk, extension,
                queue.department(),
                group.department().ringTimeout(), settings.externalRingTimeout(), attempt, attempts)
                .onComplete(ar -> {
                    synchronized (this) {
                        ringing.remove(extension);
                        CallbackDialler.Result result = ar.succeeded() ? ar.result()
                                : CallbackDialler.Result.RESIDENT_UNANSWERED;
                        LOG.debug("call={} call-back {}/{} through {}: {}", e.callId, attempt, attempts, extension,
                                result);
                        switch (result) {
                            case OPERATOR_UNANSWERED -> onOperatorUnanswered(e, extension, attempt, attempts);
                            case RESIDENT_UNANSWERED -> onAttemptUsed(e, attempt, attempts,
                                    CallbackProgress.Miss.RESIDENT, "the resident did not answer");
                            case CONNECTED -> {
                                LOG.info("call={} called back from queue {} through {} (attempt {}/{})",
                                        e.callId, queue.id(), extension, attempt, attempts);
                                leave(e);
                                journal.remove(e.callId);
                                progress.connected(e.pending(queue.id()), extension, clock.instant(), attempt,
                                        attempts);
                            }
                        }
                    }
                });
    }

    /**
     * The operator rung for a call-back did not answer: the resident keeps their place for the next operator, and
     * {@link IvrSettings#callbackOperatorMisses()} in a row use up the attempt.
     */
    private void onOperatorUnanswered(QueueEntry e, String extension, int attempt, int attempts) {
        e.declinedBy.add(extension);
        e.operatorMisses++;
        if (e.operatorMisses >= settings.callbackOperatorMisses()) {
            onAttemptUsed(e, attempt, attempts, CallbackProgress.Miss.OPERATORS,
                    e.operatorMisses + " operators in a row did not answer");
        } else if (expired(e)) {
            expire(e);
            dispatch();
        } else {
            awaitCallback(e);
        }
    }

    /** Attempt {@code attempt} was used up: the place is kept for the next, or the call-back is given up. */
    private void onAttemptUsed(QueueEntry e, int attempt, int attempts, CallbackProgress.Miss miss, String why) {
        e.callbackAttempts = attempt;
        e.operatorMisses = 0;
        if (attempt >= attempts) {
            LOG.info("call={} not reached by call-back from queue {} after {} attempts ({}): given up", e.callId,
                    queue.id(), attempts, why);
            leave(e);
            journal.remove(e.callId);
            progress.givenUp(e.pending(queue.id()), miss, attempts);
        } else if (expired(e)) {
            expire(e);
        } else {
            journal.save(e.pending(queue.id()));
            progress.missed(e.pending(queue.id()), miss, attempt, attempts,
                    clock.instant().plus(settings.callbackRetryDelay()));
            LOG.info("call={} call-back {}/{} from queue {} failed ({}): next attempt in {}", e.callId, attempt,
                    attempts, queue.id(), why, settings.callbackRetryDelay());
            e.state = QueueEntry.State.CALLBACK_RETRY;
            e.retryTimer = timers.schedule(settings.callbackRetryDelay(), () -> {
                synchronized (this) {
                    if (e.state == QueueEntry.State.CALLBACK_RETRY) {
                        e.declinedBy.clear();
                        awaitCallback(e);
                    }
                }
            });
        }
        dispatch();
    }

    /** The queue's {@code callback-expiry} passed: a call-back not being placed now is dropped. */
    private void onCallbackExpired(QueueEntry e) {
        synchronized (this) {
            if (e.state.callbackWaiting()) {
                expire(e);
            }
        }
    }

    private boolean expired(QueueEntry e) {
        return !clock.instant().isBefore(e.callbackExpiresAt);
    }

    private void expire(QueueEntry e) {
        LOG.info("call={} call-back from queue {} not made within {} of being asked for ({} of {} attempts used): "
                + "dropped", e.callId, queue.id(), queue.callbackExpiry(), e.callbackAttempts,
                1 + settings.callbackRetries());
        leave(e);
        journal.remove(e.callId);
        progress.expired(e.pending(queue.id()));
    }

    /**
     * Puts back a call-back kept over a restart, at its place among the callers by when they joined, with its
     * attempts and expiry; one whose expiry passed meanwhile is dropped.
     */
    public synchronized void restore(PendingCallback kept) {
        QueueEntry e = new QueueEntry(kept);
        if (expired(e)) {
            expire(e);
            return;
        }
        int at = 0;
        while (at < entries.size() && !entries.get(at).joinedAt.isAfter(e.joinedAt)) {
            at++;
        }
        entries.add(at, e);
        LOG.info("call={} call-back restored to queue {} at position {} ({} of {} attempts used, expires {})",
                e.callId, queue.id(), at + 1, e.callbackAttempts, 1 + settings.callbackRetries(), e.callbackExpiresAt);
        e.expiryTimer = timers.schedule(Duration.between(clock.instant(), e.callbackExpiresAt),
                () -> onCallbackExpired(e));
        checkHours(e);
        dispatch();
    }

    private Duration noteWait(QueueEntry e) {
        Duration waited = Duration.between(e.joinedAt, clock.instant());
        e.call.call().notes().put(CallNotes.QUEUE_WAIT_MS, Long.toString(waited.toMillis()));
        return waited;
    }

    private void leave(QueueEntry e) {
        e.state = QueueEntry.State.LEFT;
        e.release();
        entries.remove(e);
    }
}
