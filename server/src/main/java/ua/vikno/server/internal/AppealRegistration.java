package ua.vikno.server.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import ua.vikno.appeals.Appeal;
import ua.vikno.appeals.AppealService;
import ua.vikno.appeals.CompletedCall;

/**
 * Stores the appeal of every resident's completed call, and keeps trying while it cannot: with Redis down at
 * hang-up the call is kept in memory and registered again after 1, 2, 4, 8 and then every 15 seconds until Redis
 * answers, without waiting for a restart. A retry registers as {@link AppealService#recoverCall} does (once per
 * call, the SMS sent if it was not), so an attempt that reached Redis but lost its reply makes no second appeal.
 * Once stored, the call leaves the live-call journal. What a crash loses from memory the journal still has, if
 * the call was noted there when it began.
 */
public final class AppealRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(AppealRegistration.class);
    private static final Duration[] BACK_OFF = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
            Duration.ofSeconds(8), Duration.ofSeconds(15)};

    private final Vertx vertx;
    private final AppealService appeals;
    private final LiveCallJournal journal;
    private final Map<String, CompletedCall> pending = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    public AppealRegistration(Vertx vertx, AppealService appeals, LiveCallJournal journal) {
        this.vertx = vertx;
        this.appeals = appeals;
        this.journal = journal;
    }

    /** Registers the call's appeal now, or later if it cannot be stored now. */
    public void register(CompletedCall call) {
        attempt(call, 0);
    }

    private void attempt(CompletedCall call, int failures) {
        if (stopped) {
            return;
        }
        Future<Appeal> stored = failures == 0 ? appeals.registerCall(call) : appeals.recoverCall(call);
        stored.onSuccess(appeal -> {
            if (pending.remove(call.callId()) != null) {
                LOG.atInfo().addKeyValue("call", call.callId()).addKeyValue("appeal", appeal.number())
                        .log("appeal {} of the call is stored after {} failed attempts", appeal.number(), failures);
            }
            // if this fails, the next start finds the appeal stored and only forgets the call
            journal.end(call.callId()).onFailure(e -> LOG.atDebug().addKeyValue("call", call.callId())
                    .log("the call could not be forgotten as live: {}", e.toString()));
        }).onFailure(e -> {
            pending.put(call.callId(), call);
            Duration wait = BACK_OFF[Math.min(failures, BACK_OFF.length - 1)];
            LOG.atWarn().addKeyValue("call", call.callId())
                    .log("the appeal of the call could not be stored ({}); trying again in {} s", e.toString(),
                            wait.toSeconds());
            vertx.setTimer(wait.toMillis(), t -> attempt(call, failures + 1));
        });
    }

    /** Calls whose appeals wait for Redis. */
    public int pending() {
        return pending.size();
    }

    /** Stops retrying; what is still pending is logged by call, and the live-call journal keeps it. */
    public void stop() {
        stopped = true;
        pending.keySet().forEach(id -> LOG.atError().addKeyValue("call", id)
                .log("the appeal of the call was not stored before the node stopped"));
    }
}
