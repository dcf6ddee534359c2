package ua.vikno.sms.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XPendingArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.models.stream.PendingMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;

import ua.vikno.sms.DeadLetter;
import ua.vikno.sms.OutgoingSms;
import ua.vikno.sms.SmsFailure;
import ua.vikno.sms.SmsRecord;
import ua.vikno.sms.SmsStatus;

/**
 * The durable outbox in Redis: a stream of message ids read by a consumer group, one hash per message with its
 * state, SMSC ids that point back to their message, and the dead-letter list. Every state change is one Lua
 * script, so two gateways never both send a message and a crash leaves a state another gateway can resume.
 *
 * <pre>
 * {prefix}:outbox          stream, entries {id}
 * {prefix}:msg:{id}        hash: id destination text reference status attempts owner leaseUntil nextAttemptAt
 *                          lastError part.N (SMSC id of part N) smsc (all SMSC ids) parts dlr.{smscId} (receipt state)
 * {prefix}:smsc:{smscId}   string: message id, expires after smscIdTtl
 * {prefix}:dlr-early:{smscId} string: receipt state of a receipt that overtook its submit_sm_resp, expires
 * {prefix}:dead            list of message ids
 * </pre>
 */
public final class Outbox {
    private final RedisAsyncCommands<String, String> redis;
    private final RedisAsyncCommands<String, String> blocking;
    private final Context context;
    private final String prefix;
    private final String stream;
    private final String group;
    private final Map<String, String> shas = new ConcurrentHashMap<>();
    /** A receipt can overtake its submit_sm_resp by milliseconds; one for an id we never sent is dropped after this. */
    private static final long EARLY_RECEIPT_TTL_SECONDS = 3600;

    /**
     * @param redis    commands that never block the connection
     * @param blocking a connection of its own for XREADGROUP BLOCK, which holds its connection while it waits
     */
    public Outbox(RedisAsyncCommands<String, String> redis, RedisAsyncCommands<String, String> blocking,
                  Context context, String prefix, String group) {
        this.redis = redis;
        this.blocking = blocking;
        this.context = context;
        this.prefix = prefix;
        this.stream = prefix + ":outbox";
        this.group = group;
    }

    /** What {@link #begin} found. */
    public sealed interface Begin {
        /** The lease is ours: send the parts that {@code sentParts} does not have yet. */
        record Go(SmsRecord record, Map<Integer, String> sentParts) implements Begin { }

        /** Already finished (a crash after the SMSC accepted it): only the stream entry is left to ack. */
        record Done(SmsStatus status) implements Begin { }

        /** Another gateway holds a lease until the given epoch millisecond. */
        record Busy(long untilMillis) implements Begin { }

        /** Backing off until the given epoch millisecond. */
        record Wait(long untilMillis) implements Begin { }

        /** No hash for the entry (should not happen: enqueue writes both at once). */
        record Missing() implements Begin { }
    }

    /** The outcome of a failed attempt. */
    public record AttemptOutcome(boolean dead, int attempts) { }

    /** A receipt applied to its message; {@code before} and {@code after} are the statuses around it. */
    public record ReceiptOutcome(SmsRecord record, SmsStatus before, SmsStatus after) { }

    public String stream() {
        return stream;
    }

    public Future<Void> createGroup() {
        return future("XGROUP CREATE", redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), group,
                XGroupCreateArgs.Builder.mkstream()))
                .<Void>mapEmpty()
                .recover(e -> e.getCause() instanceof RedisBusyException || String.valueOf(e.getMessage()).contains("BUSYGROUP")
                        ? Future.succeededFuture() : Future.failedFuture(e));
    }

    /** Writes the message once; true if it is new, false if the id was already known. */
    public Future<Boolean> enqueue(OutgoingSms sms, Instant now) {
        CompletionStage<Long> r = script(OutboxScripts.ENQUEUE, ScriptOutputType.INTEGER,
                new String[] {msgKey(sms.id()), stream}, sms.id(), sms.destination(), sms.text(), sms.reference(),
                String.valueOf(now.toEpochMilli()));
        return future("enqueue", r).map(n -> n == 1L);
    }

    /** New entries for this consumer; waits up to {@code blockMillis} when there are none. */
    public Future<List<Entry>> read(String consumer, int count, long blockMillis) {
        return future("XREADGROUP", blocking.xreadgroup(Consumer.from(group, consumer),
                XReadArgs.Builder.count(count).block(blockMillis), XReadArgs.StreamOffset.lastConsumed(stream)))
                .map(Outbox::entries);
    }

    /** Entries already delivered to this consumer name and never acknowledged (a restart under the same name). */
    public Future<List<Entry>> readOwnPending(String consumer, int count) {
        return future("XREADGROUP 0", redis.xreadgroup(Consumer.from(group, consumer), XReadArgs.Builder.count(count),
                XReadArgs.StreamOffset.from(stream, "0"))).map(Outbox::entries);
    }

    /**
     * Takes over entries pending for at least {@code minIdleMillis} (XPENDING + XCLAIM): those of consumers that
     * crashed, and this consumer's own that it no longer holds in memory.
     */
    public Future<List<Entry>> claimStale(String consumer, long minIdleMillis, int limit, Predicate<String> heldEntry) {
        XPendingArgs<String> args = XPendingArgs.Builder.<String>xpending(group, Range.create("-", "+"), Limit.from(limit))
                .idle(minIdleMillis);
        return future("XPENDING", redis.xpending(stream, args)).compose(pending -> {
            String[] ids = pending.stream().map(PendingMessage::getId).filter(id -> !heldEntry.test(id))
                    .toArray(String[]::new);
            if (ids.length == 0) {
                return Future.succeededFuture(List.<Entry>of());
            }
            return future("XCLAIM", redis.xclaim(stream, Consumer.from(group, consumer),
                    XClaimArgs.Builder.minIdleTime(minIdleMillis), ids)).map(Outbox::entries);
        });
    }

    public Future<Begin> begin(String id, String consumer, Instant now, Instant leaseUntil) {
        CompletionStage<List<Object>> r = script(OutboxScripts.BEGIN, ScriptOutputType.MULTI,
                new String[] {msgKey(id)}, consumer, millis(now), millis(leaseUntil));
        return future("begin", r).map(reply -> {
            String verdict = String.valueOf(reply.get(0));
            return switch (verdict) {
                case "go" -> {
                    Map<String, String> hash = hash(reply, 1);
                    Map<Integer, String> parts = new TreeMap<>();
                    hash.forEach((k, v) -> {
                        if (k.startsWith("part.")) {
                            parts.put(Integer.parseInt(k.substring(5)), v);
                        }
                    });
                    yield new Begin.Go(record(hash), parts);
                }
                case "done" -> new Begin.Done(SmsStatus.valueOf(String.valueOf(reply.get(1))));
                case "busy" -> new Begin.Busy(Long.parseLong(String.valueOf(reply.get(1))));
                case "wait" -> new Begin.Wait(Long.parseLong(String.valueOf(reply.get(1))));
                default -> new Begin.Missing();
            };
        });
    }

    public Future<Void> partSent(String id, int part, String smscId, Instant now, long ttlSeconds) {
        return future("part sent", script(OutboxScripts.PART_SENT, ScriptOutputType.INTEGER,
                new String[] {msgKey(id), smscKey(smscId), earlyKey(smscId)}, String.valueOf(part), smscId, millis(now),
                String.valueOf(ttlSeconds), id)).mapEmpty();
    }

    /** Marks the message SENT and acknowledges its entry; returns the record after early receipts are counted. */
    public Future<SmsRecord> complete(String id, String entryId, List<String> smscIds, Instant now, long ttlSeconds) {
        String[] keys = new String[2 + 2 * smscIds.size()];
        keys[0] = msgKey(id);
        keys[1] = stream;
        for (int i = 0; i < smscIds.size(); i++) {
            keys[2 + 2 * i] = smscKey(smscIds.get(i));
            keys[3 + 2 * i] = earlyKey(smscIds.get(i));
        }
        CompletionStage<List<Object>> r = script(OutboxScripts.COMPLETE, ScriptOutputType.MULTI, keys, group, entryId,
                String.join(",", smscIds), String.valueOf(smscIds.size()), millis(now), String.valueOf(ttlSeconds), id);
        return future("complete", r).map(reply -> record(hash(reply, 1)));
    }

    public Future<AttemptOutcome> attemptFailed(String id, String entryId, String error, Instant now,
                                                Instant nextAttempt, int maxAttempts) {
        CompletionStage<List<Object>> r = script(OutboxScripts.ATTEMPT_FAILED, ScriptOutputType.MULTI,
                new String[] {msgKey(id), stream, deadKey()}, group, entryId, error, millis(now), millis(nextAttempt),
                String.valueOf(maxAttempts), id);
        return future("attempt failed", r).map(reply -> new AttemptOutcome("dead".equals(String.valueOf(reply.get(0))),
                Integer.parseInt(String.valueOf(reply.get(1)))));
    }

    /** Moves a dead letter back into the outbox; false if there is no dead letter with that id. */
    public Future<Boolean> revive(String id, Instant now) {
        CompletionStage<Long> r = script(OutboxScripts.REVIVE, ScriptOutputType.INTEGER,
                new String[] {msgKey(id), stream, deadKey()}, id, millis(now));
        return future("revive", r).map(n -> n == 1L);
    }

    public Future<Void> requeue(String id, String consumer, Instant now) {
        return future("requeue", script(OutboxScripts.REQUEUE, ScriptOutputType.INTEGER,
                new String[] {msgKey(id)}, consumer, millis(now))).mapEmpty();
    }

    public Future<Void> ack(String entryId) {
        return future("XACK", redis.xack(stream, group, entryId)).compose(n -> future("XDEL", redis.xdel(stream, entryId)))
                .mapEmpty();
    }

    /** Applies a delivery receipt; empty if no message has that SMSC id yet (kept until one does). */
    public Future<Optional<ReceiptOutcome>> receipt(String smscId, String state, Instant now) {
        CompletionStage<List<Object>> r = script(OutboxScripts.RECEIPT, ScriptOutputType.MULTI,
                new String[] {smscKey(smscId), earlyKey(smscId)}, smscId, state, millis(now), prefix + ":msg:",
                String.valueOf(EARLY_RECEIPT_TTL_SECONDS));
        return future("receipt", r).map(reply -> {
            if (!"matched".equals(String.valueOf(reply.get(0)))) {
                return Optional.empty();
            }
            return Optional.of(new ReceiptOutcome(record(hash(reply, 3)), status(String.valueOf(reply.get(1))),
                    status(String.valueOf(reply.get(2)))));
        });
    }

    public Future<Optional<SmsRecord>> get(String id) {
        return future("HGETALL", redis.hgetall(msgKey(id)))
                .map(h -> h.isEmpty() ? Optional.<SmsRecord>empty() : Optional.of(record(h)));
    }

    public Future<List<DeadLetter>> deadLetters() {
        return future("LRANGE", redis.lrange(deadKey(), 0, -1)).compose(ids -> {
            List<Future<Optional<SmsRecord>>> reads = ids.stream().map(this::get).toList();
            return Future.all(reads).map(all -> {
                List<DeadLetter> letters = new ArrayList<>();
                for (Future<Optional<SmsRecord>> f : reads) {
                    f.result().ifPresent(rec -> letters.add(new DeadLetter(rec.message(), rec.attempts(), rec.lastError(),
                            rec.updatedAt())));
                }
                return letters;
            });
        });
    }

    /** One stream entry: its id and the message id it carries. */
    public record Entry(String entryId, String messageId) { }

    private static List<Entry> entries(List<StreamMessage<String, String>> messages) {
        List<Entry> out = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> m : messages) {
            // XREADGROUP 0 lists entries deleted since delivery with an empty body
            if (m.getBody() != null && m.getBody().get("id") != null) {
                out.add(new Entry(m.getId(), m.getBody().get("id")));
            }
        }
        return out;
    }

    private static Map<String, String> hash(List<Object> reply, int from) {
        Map<String, String> h = new HashMap<>();
        for (int i = from; i + 1 < reply.size(); i += 2) {
            h.put(String.valueOf(reply.get(i)), String.valueOf(reply.get(i + 1)));
        }
        return h;
    }

    private static SmsRecord record(Map<String, String> h) {
        OutgoingSms sms = new OutgoingSms(h.get("id"), h.get("destination"), h.get("text"), h.get("reference"));
        String smsc = h.getOrDefault("smsc", "");
        List<String> ids = smsc.isEmpty() ? List.of() : Arrays.asList(smsc.split(","));
        if (ids.isEmpty()) {
            ids = new TreeMap<>(partsOf(h)).values().stream().toList();
        }
        return new SmsRecord(sms, status(h.get("status")), Integer.parseInt(h.getOrDefault("attempts", "0")), ids,
                h.getOrDefault("lastError", ""), Instant.ofEpochMilli(Long.parseLong(h.getOrDefault("updatedAt", "0"))));
    }

    private static Map<Integer, String> partsOf(Map<String, String> h) {
        Map<Integer, String> parts = new HashMap<>();
        h.forEach((k, v) -> {
            if (k.startsWith("part.")) {
                parts.put(Integer.parseInt(k.substring(5)), v);
            }
        });
        return parts;
    }

    private static SmsStatus status(String s) {
        return s == null || s.isEmpty() ? SmsStatus.QUEUED : SmsStatus.valueOf(s);
    }

    /** EVALSHA, falling back to EVAL (which caches the script) when Redis does not know it, e.g. after a restart. */
    private <T> CompletionStage<T> script(String body, ScriptOutputType type, String[] keys, String... args) {
        String sha = shas.computeIfAbsent(body, Outbox::sha1);
        return redis.<T>evalsha(sha, type, keys, args).handle((r, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(r);
            }
            if (String.valueOf(e.getMessage()).contains("NOSCRIPT")) {
                return redis.<T>eval(body, type, keys, args);
            }
            return CompletableFuture.<T>failedFuture(e);
        }).thenCompose(f -> f);
    }

    private static String sha1(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> Future<T> future(String operation, CompletionStage<T> stage) {
        return Future.fromCompletionStage(stage, context)
                .recover(e -> Future.failedFuture(new SmsFailure.StoreUnavailable(operation, e)));
    }

    private String msgKey(String id) {
        return prefix + ":msg:" + id;
    }

    private String smscKey(String smscId) {
        return prefix + ":smsc:" + smscId;
    }

    private String earlyKey(String smscId) {
        return prefix + ":dlr-early:" + smscId;
    }

    private String deadKey() {
        return prefix + ":dead";
    }

    private static String millis(Instant t) {
        return String.valueOf(t.toEpochMilli());
    }
}
