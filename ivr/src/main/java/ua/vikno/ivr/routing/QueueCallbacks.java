package ua.vikno.ivr.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.AsyncResult;
import ua.vikno.config.CallQueue;
import ua.vikno.ivr.IvrSettings;
import ua.vikno.ivr.Timers;
import ua.vikno.ivr.callback.CallbackJournal;
import ua.vikno.ivr.callback.CallbackProgress;
import ua.vikno.ivr.callback.PendingCallback;
import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.ivr.schedule.ScheduleGate;
import ua.vikno.ivr.schedule.ScheduleStatus;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.Pbx;

/**
 * The call-back life cycle of one {@link WaitingQueue}: a caller asks for a call-back and hangs up keeping their
 * place; the call-back is held outside working hours as the {@link ScheduleGate} has them, and otherwise served
 * by calling a free operator first through {@link Pbx#originate}, then the resident through the trunk. A resident
 * who does not answer is called again {@link IvrSettings#callbackRetries()} more times,
 * {@link IvrSettings#callbackRetryDelay()} apart; {@link IvrSettings#callbackOperatorMisses()} operators in a row
 * not answering use up an attempt too. A call-back not made within the queue's {@code callback-expiry} of being
 * asked for is dropped. Pending call-backs are written through the {@link CallbackJournal}, so that a restart
 * neither forgets nor repeats one ({@link #restore}), and each attempt's outcome is told to the
 * {@link CallbackProgress}.
 *
 * <p>Not thread-safe on its own: it shares the queue's entries and rung lines, so everything here runs under the
 * {@link WaitingQueue}'s monitor. Its package-private methods are called only from the queue's synchronized
 * methods, and its own asynchronous continuations (schedule answers, dialler results, timers) synchronize on the
 * queue, not on this object: one lock per queue, so no lock ordering to get wrong.
 */
final class QueueCallbacks {
    private static final Logger LOG = LoggerFactory.getLogger(QueueCallbacks.class);

    /** The queue this serves; also the lock everything here runs under. */
    private final WaitingQueue owner;
    private final CallQueue queue;
    private final RingGroup group;
    private final ScheduleGate schedule;
    private final CallbackDialler dialler;
    private final Clock clock;
    private final Timers timers;
    private final IvrSettings settings;
    private final Optional<String> confirmation;
    private final Endings endings;
    private final CallbackJournal journal;
    private final CallbackProgress progress;
    /** The queue's lines rung at this moment, offers and call-backs alike; guarded by the queue's lock. */
    private final Set<String> ringing;

    QueueCallbacks(WaitingQueue owner, CallQueue queue, RingGroup group, ScheduleGate schedule, Pbx pbx, Clock clock,
                   Timers timers, IvrSettings settings, Prompts prompts, CallbackJournal journal,
                   CallbackProgress progress, Set<String> ringing) {
        this.owner = owner;
        this.queue = queue;
        this.group = group;
        this.schedule = schedule;
        this.dialler = new CallbackDialler(pbx);
        this.clock = clock;
        this.timers = timers;
        this.settings = settings;
        this.confirmation = settings.callbackPrompt().filter(id -> prompts.find(id).isPresent())
                .or(settings::goodbyePrompt);
        this.endings = new Endings(prompts);
        this.journal = journal;
        this.progress = progress;
        this.ringing = ringing;
    }

    /** The caller pressed the call-back key: they hang up after the confirmation and keep their place. */
    void request(QueueEntry e) {
        LOG.debug("call={} asks for a call-back from queue {} at position {}", e.callId, queue.id(),
                owner.position(e));
        e.state = QueueEntry.State.AWAITING_CALLBACK;
        e.release();
        owner.noteWait(e);
        e.callbackRequestedAt = clock.instant();
        e.callbackExpiresAt = e.callbackRequestedAt.plus(queue.callbackExpiry());
        journal.save(e.pending(queue.id()));
        e.expiryTimer = timers.schedule(queue.callbackExpiry(), () -> onCallbackExpired(e));
        Call call = e.call.call();
        call.notes().put(WaitingQueue.CALLBACK_NOTE, "requested");
        call.stopPlayback();
        endings.hangUpAfter(e.call, confirmation, "call-back requested")
                .onComplete(ar -> e.result.tryComplete(new RouteOutcome.CallbackRequested(queue.id())));
        checkHours(e);
    }

    /**
     * Puts back a call-back kept over a restart, at its place among the callers by when they joined, with its
     * attempts and expiry; one whose expiry passed meanwhile is dropped.
     */
    void restore(PendingCallback kept) {
        if (owner.holds(kept.callId())) {
            LOG.info("call={} call-back already in queue {}: not restored twice", kept.callId(), queue.id());
            return;
        }
        QueueEntry e = new QueueEntry(kept);
        if (expired(e)) {
            expire(e);
            return;
        }
        int position = owner.insertByArrival(e);
        LOG.info("call={} call-back restored to queue {} at position {} ({} of {} attempts used, expires {})",
                e.callId, queue.id(), position, e.callbackAttempts, 1 + settings.callbackRetries(),
                e.callbackExpiresAt);
        e.expiryTimer = timers.schedule(Duration.between(clock.instant(), e.callbackExpiresAt),
                () -> onCallbackExpired(e));
        checkHours(e);
        owner.dispatch();
    }

    /** A waiting call-back is due again: held if it is outside working hours, else offered to a free operator. */
    private void awaitCallback(QueueEntry e) {
        e.state = QueueEntry.State.AWAITING_CALLBACK;
        checkHours(e);
        owner.dispatch();
    }

    /**
     * Asks the schedule whether a waiting call-back may ring the resident: outside working hours it is held,
     * keeping its place; either way the schedule is asked again at its next change, or after
     * {@link IvrSettings#callbackHoursRecheck()} at the latest.
     */
    private void checkHours(QueueEntry e) {
        schedule.now().onComplete(ar -> {
            synchronized (owner) {
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
            owner.dispatch();
        }
    }

    /**
     * Calls back through {@code extension} if it is working hours now (the last word before a resident's phone
     * rings); the operator is kept for this call-back meanwhile.
     */
    void callBackInHours(QueueEntry e, String extension) {
        ringing.add(extension);
        e.state = QueueEntry.State.CALLING_BACK;
        schedule.now().onComplete(hours -> {
            synchronized (owner) {
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
                owner.dispatch();
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
                    synchronized (owner) {
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
                                owner.leave(e);
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
        // as for a caller on the line, the operator is offered again after an announcement period: a declined
        // operator held until their presence changed would keep everyone behind this call-back from them
        e.announceTimer.cancel();
        e.announceTimer = timers.schedule(queue.announceEvery(), () -> {
            synchronized (owner) {
                e.declinedBy.clear();
                owner.dispatch();
            }
        });
        e.operatorMisses++;
        if (e.operatorMisses >= settings.callbackOperatorMisses()) {
            onAttemptUsed(e, attempt, attempts, CallbackProgress.Miss.OPERATORS,
                    e.operatorMisses + " operators in a row did not answer");
        } else if (expired(e)) {
            expire(e);
            owner.dispatch();
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
            owner.leave(e);
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
                synchronized (owner) {
                    if (e.state == QueueEntry.State.CALLBACK_RETRY) {
                        e.declinedBy.clear();
                        awaitCallback(e);
                    }
                }
            });
        }
        owner.dispatch();
    }

    /** The queue's {@code callback-expiry} passed: a call-back not being placed now is dropped. */
    private void onCallbackExpired(QueueEntry e) {
        synchronized (owner) {
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
        owner.leave(e);
        journal.remove(e.callId);
        progress.expired(e.pending(queue.id()));
    }
}
