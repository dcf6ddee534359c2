package ua.vikno.server.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import ua.vikno.appeals.AppealKind;
import ua.vikno.appeals.AppealService;
import ua.vikno.appeals.CompletedCall;
import ua.vikno.pbx.Call;

/**
 * The residents' calls this node is serving, in Redis from the moment a call arrives until its appeal is stored.
 * A crash between the two (the call cut off, or ended but its appeal not yet written) leaves the entry behind;
 * the restarted node turns each such call into a missed appeal, so that no resident's call is lost.
 */
public final class LiveCallJournal {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCallJournal.class);
    /** The hang-up cause of a call whose end this node did not see. */
    static final String INTERRUPTED = "interrupted";

    private final RedisAsyncCommands<String, String> redis;
    private final String key;

    /** @param node this node's name: a node recovers only its own calls (their media was its own) */
    public LiveCallJournal(RedisAsyncCommands<String, String> redis, String node) {
        this.redis = redis;
        this.key = "vikno:node:" + node + ":live-calls";
    }

    /** Notes a resident's call as live; completes once Redis has it. */
    public Future<Void> begin(Call call) {
        String entry = new JsonObject().put("caller", call.caller().number()).put("dialled", call.dialled())
                .put("startedAt", call.startedAt().toString()).encode();
        return OnCallerContext.on(redis.hset(key, call.id(), entry)).mapEmpty();
    }

    /** Forgets a call whose appeal is stored. */
    public Future<Void> end(String callId) {
        return OnCallerContext.on(redis.hdel(key, callId)).mapEmpty();
    }

    /**
     * Registers an appeal for every call a previous run of this node left live (once per call, by its id: a call
     * whose appeal was stored keeps it) and forgets them; returns how many there were.
     *
     * @param waiting calls whose full record waits for Redis elsewhere (the pending-appeals spool): left here, to
     *                be forgotten once that record is stored, rather than registered now as interrupted
     */
    public Future<Integer> recover(AppealService appeals, Instant now, Set<String> waiting) {
        return OnCallerContext.on(redis.hgetall(key)).compose(all -> {
            Map<String, String> entries = new LinkedHashMap<>(all);
            entries.keySet().removeAll(waiting);
            Future<Void> chain = Future.succeededFuture();
            for (Map.Entry<String, String> e : entries.entrySet()) {
                chain = chain.compose(v -> appeals.recoverCall(interrupted(e.getKey(), new JsonObject(e.getValue()), now))
                        .compose(appeal -> {
                            LOG.atInfo().addKeyValue("call", e.getKey()).addKeyValue("appeal", appeal.number())
                                    .log("call left live by a previous run has appeal {}", appeal.number());
                            return end(e.getKey());
                        }));
            }
            return chain.map(entries.size());
        });
    }


    private static CompletedCall interrupted(String callId, JsonObject entry, Instant now) {
        Instant started = Instant.parse(entry.getString("startedAt"));
        return new CompletedCall(callId, entry.getString("caller"), entry.getString("dialled"), started,
                Optional.empty(), now.isBefore(started) ? started : now, "", List.of(), Optional.empty(), Optional.empty(),
                Duration.ZERO, Duration.ZERO, Optional.empty(), INTERRUPTED, AppealKind.MISSED);
    }
}
