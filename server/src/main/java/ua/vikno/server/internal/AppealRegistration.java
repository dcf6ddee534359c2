package ua.vikno.server.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import ua.vikno.appeals.Appeal;
import ua.vikno.appeals.AppealService;
import ua.vikno.appeals.CompletedCall;

/**
 * Stores the appeal of every resident's completed call, and keeps trying while it cannot. A call Redis does not
 * take is written to the {@link PendingAppeals} spool on disk and tried again after 1, 2, 4, 8 and then every 15
 * seconds until Redis answers; while Redis is known to be down, the call goes to disk at once and is tried as soon
 * as the connection is back, without waiting for a command to time out. Once stored, the call leaves the spool and
 * the live-call journal. A retry registers as {@link AppealService#recoverCall} does (once per call, the SMS sent
 * if it was not), so an attempt that reached Redis but lost its reply makes no second appeal, and neither does a
 * call found both in the spool and in the journal. The next start registers what the spool kept
 * ({@link #recoverSpooled()}), whether the node was stopped or killed.
 */
public final class AppealRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(AppealRegistration.class);
    private static final Duration[] BACK_OFF = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
            Duration.ofSeconds(8), Duration.ofSeconds(15)};
    /** How often a waiting call looks again while Redis is known to be down; no command is sent meanwhile. */
    private static final Duration WHILE_DOWN = Duration.ofSeconds(1);

    /** Where the registration is in the node's life. */
    enum State {
        /** Registers calls and retries the ones Redis did not take. */
        RUNNING,
        /** The node is stopping: a call that ends is spooled at once and tried once more at most; no retries. */
        STOPPING,
        /** Stopped: a call that still ends is only spooled. */
        STOPPED
    }

    private final Vertx vertx;
    private final AppealService appeals;
    private final LiveCallJournal journal;
    private final PendingAppeals spool;
    private final BooleanSupplier redisDown;
    /** Every call from its end until its appeal is stored. Guarded by {@code this}, as the next two. */
    private final Map<String, CompletedCall> unstored = new HashMap<>();
    /** The calls that wait for Redis (failed once, or held back while it was down). */
    private final Set<String> waiting = new HashSet<>();
    /** The spool writes of calls, done or under way. */
    private final Map<String, Future<Void>> spooled = new HashMap<>();
    /** Redis attempts and spool writes under way, which a stop waits for. */
    private final Set<Future<?>> underWay = ConcurrentHashMap.newKeySet();
    private volatile State state = State.RUNNING;

    /** @param redisDown true while Redis is known to be unreachable (the connection is lost) */
    public AppealRegistration(Vertx vertx, AppealService appeals, LiveCallJournal journal, PendingAppeals spool,
                              BooleanSupplier redisDown) {
        this.vertx = vertx;
        this.appeals = appeals;
        this.journal = journal;
        this.spool = spool;
        this.redisDown = redisDown;
    }

    /** Registers the call's appeal now, or later if it cannot be stored now. */
    public void register(CompletedCall call) {
        synchronized (this) {
            unstored.put(call.callId(), call);
        }
        if (state != State.RUNNING || redisDown.getAsBoolean()) {
            // a stop, or a SIGKILL while Redis is away, must not lose the call: on disk first
            spool(call);
        }
        attempt(call, 0, false);
    }

    /**
     * Registers, oldest first, the calls an earlier run left in the spool (the appeal made once, its SMS sent if it
     * was not), and forgets them. Completes with the ids of the calls Redis did not take now: they stay in the
     * spool and are tried again like any waiting call. Never fails: an unreadable spool is logged.
     */
    public Future<Set<String>> recoverSpooled() {
        return spool.readAll().otherwise(e -> {
            LOG.error("the pending appeals in {} cannot be read: {}", spool.directory(), e.toString());
            return List.of();
        }).compose(calls -> {
            if (!calls.isEmpty()) {
                LOG.info("{} calls left in {} by an earlier run are registered", calls.size(), spool.directory());
            }
            Future<Set<String>> chain = Future.succeededFuture(new LinkedHashSet<>());
            for (CompletedCall call : calls) {
                synchronized (this) {
                    unstored.put(call.callId(), call);
                    spooled.put(call.callId(), Future.succeededFuture());
                }
                chain = chain.compose(left -> {
                    if (!left.isEmpty() || redisDown.getAsBoolean()) {
                        left.add(call.callId()); // Redis failed an earlier one: the rest wait with it, in order
                        return Future.succeededFuture(left);
                    }
                    return appeals.recoverCall(call).map(appeal -> {
                        LOG.atInfo().addKeyValue("call", call.callId()).addKeyValue("appeal", appeal.number())
                                .log("call left in the spool by an earlier run has appeal {}", appeal.number());
                        stored(call, appeal, 0);
                        return left;
                    }).otherwise(e -> {
                        LOG.atWarn().addKeyValue("call", call.callId())
                                .log("the appeal of the call left in the spool could not be stored now ({})", e.toString());
                        left.add(call.callId());
                        return left;
                    });
                });
            }
            return chain.onSuccess(left -> {
                for (CompletedCall call : calls) {
                    if (left.contains(call.callId())) {
                        hold(call);
                        vertx.setTimer(BACK_OFF[0].toMillis(), t -> attempt(call, 1, true));
                    }
                }
            });
        });
    }

    private void attempt(CompletedCall call, int failures, boolean recovering) {
        if (state == State.STOPPED || !isUnstored(call)) {
            return;
        }
        if (redisDown.getAsBoolean()) {
            // a command now would only wait for its timeout
            hold(call);
            if (state == State.RUNNING) {
                vertx.setTimer(WHILE_DOWN.toMillis(), t -> attempt(call, failures, true));
            }
            return;
        }
        Future<Appeal> stored = recovering ? appeals.recoverCall(call) : appeals.registerCall(call);
        track(stored);
        stored.onSuccess(appeal -> stored(call, appeal, failures)).onFailure(e -> {
            hold(call);
            if (state != State.RUNNING) {
                LOG.atWarn().addKeyValue("call", call.callId())
                        .log("the appeal of the call could not be stored while the node stops ({})", e.toString());
                return;
            }
            Duration wait = BACK_OFF[Math.min(failures, BACK_OFF.length - 1)];
            LOG.atWarn().addKeyValue("call", call.callId())
                    .log("the appeal of the call could not be stored ({}); trying again in {} s", e.toString(),
                            wait.toSeconds());
            vertx.setTimer(wait.toMillis(), t -> attempt(call, failures + 1, true));
        });
    }

    /** Marks the call as waiting for Redis, and makes sure it is on disk. */
    private void hold(CompletedCall call) {
        boolean first;
        synchronized (this) {
            first = unstored.containsKey(call.callId()) && waiting.add(call.callId());
        }
        if (first) {
            LOG.atInfo().addKeyValue("call", call.callId())
                    .log("the appeal of the call waits for Redis in {}", spool.directory());
        }
        spool(call);
    }

    private void spool(CompletedCall call) {
        Future<Void> write;
        synchronized (this) {
            if (!unstored.containsKey(call.callId()) || spooled.containsKey(call.callId())) {
                return;
            }
            write = spool.write(call);
            spooled.put(call.callId(), write);
        }
        track(write);
        write.onFailure(e -> {
            synchronized (this) {
                spooled.remove(call.callId(), write); // the next failed attempt writes it again
            }
            LOG.atError().addKeyValue("call", call.callId())
                    .log("the call could not be written to {} ({}): if the node stops before Redis takes its appeal,"
                            + " the appeal is lost", spool.directory(), e.toString());
        });
    }

    private void stored(CompletedCall call, Appeal appeal, int failures) {
        boolean waited;
        Future<Void> written;
        synchronized (this) {
            unstored.remove(call.callId());
            waited = waiting.remove(call.callId());
            written = spooled.remove(call.callId());
        }
        if (waited) {
            LOG.atInfo().addKeyValue("call", call.callId()).addKeyValue("appeal", appeal.number())
                    .log("appeal {} of the call is stored after {} failed attempts", appeal.number(), failures);
        }
        if (written != null) {
            track(written.transform(ar -> spool.delete(call.callId())).onFailure(e -> LOG.atWarn()
                    .addKeyValue("call", call.callId())
                    .log("the stored call could not be removed from {} ({}); the next start only finds its appeal",
                            spool.directory(), e.toString())));
        }
        // if this fails, the next start finds the appeal stored and only forgets the call
        journal.end(call.callId()).onFailure(e -> LOG.atDebug().addKeyValue("call", call.callId())
                .log("the call could not be forgotten as live: {}", e.toString()));
    }

    private synchronized boolean isUnstored(CompletedCall call) {
        return unstored.containsKey(call.callId());
    }

    private void track(Future<?> work) {
        underWay.add(work);
        work.onComplete(ar -> underWay.remove(work));
    }

    /** Calls whose appeals wait for Redis, in memory or in the spool. */
    public synchronized int pending() {
        return waiting.size();
    }

    /** Calls whose appeals wait for Redis and that are safely on disk. */
    public synchronized int spooled() {
        return (int) spooled.values().stream().filter(Future::succeeded).count();
    }

    /** The node begins to stop: every call not yet stored goes to disk, and so will every call that ends from now. */
    public void onStopping() {
        if (state == State.RUNNING) {
            state = State.STOPPING;
        }
        List<CompletedCall> calls;
        synchronized (this) {
            calls = new ArrayList<>(unstored.values());
        }
        calls.forEach(this::spool);
    }

    /**
     * Stops: waits at most {@code bound} for the attempts and spool writes under way, then stops retrying. What is
     * not stored by then is in the spool, for the next start.
     */
    public Future<Void> stop(Duration bound) {
        onStopping();
        Promise<Void> done = Promise.promise();
        long timer = vertx.setTimer(Math.max(1, bound.toMillis()), t -> done.tryComplete());
        drain().onComplete(ar -> {
            vertx.cancelTimer(timer);
            done.tryComplete();
        });
        return done.future().onComplete(ar -> {
            state = State.STOPPED;
            Map<String, Future<Void>> left;
            synchronized (this) {
                left = new HashMap<>();
                unstored.keySet().forEach(id -> left.put(id, spooled.get(id)));
            }
            left.forEach((id, write) -> {
                if (write != null && write.succeeded()) {
                    LOG.atWarn().addKeyValue("call", id).log("the appeal of the call is kept in {} for the next start",
                            spool.directory());
                } else {
                    LOG.atError().addKeyValue("call", id)
                            .log("the appeal of the call was neither stored nor written to {} before the node stopped",
                                    spool.directory());
                }
            });
        });
    }

    private Future<Void> drain() {
        List<Future<?>> now = new ArrayList<>(underWay);
        if (now.isEmpty()) {
            return Future.succeededFuture();
        }
        return Future.join(now).transform(ar -> drain());
    }
}
