package ua.vikno.appeals.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import ua.vikno.appeals.Appeal;
import ua.vikno.appeals.AppealFailure;
import ua.vikno.appeals.AppealQuery;
import ua.vikno.appeals.CompletedCall;
import ua.vikno.appeals.HistoryEntry;
import ua.vikno.appeals.Page;

/**
 * Appeals, their history and call records in Redis. Creation and every change are one Lua script each, so an
 * appeal, its history entry and its indexes are written together or not at all; changes are compare-and-set
 * on the appeal's version. Each script also publishes what it did on {@link AppealKeys#CHANGES}, so every node
 * hears of every change, whoever made it. Completions hop back to the caller's Vert.x context.
 */
public final class RedisAppealStore {
    private static final String CREATE = """
            local existing = redis.call('GET', KEYS[2])
            if existing then return 'old:' .. existing end
            local n = redis.call('INCR', KEYS[1])
            local number = ARGV[1] .. '-' .. string.format('%06d', n)
            local appeal = (string.gsub(ARGV[3], '__NUMBER__', number))
            local hist = (string.gsub(ARGV[4], '__NUMBER__', number))
            redis.call('SET', ARGV[6] .. 'appeal:' .. number, appeal)
            redis.call('RPUSH', ARGV[6] .. 'appeal:' .. number .. ':history', hist)
            redis.call('SET', KEYS[2], number)
            redis.call('SET', KEYS[3], ARGV[5])
            redis.call('ZADD', KEYS[4], ARGV[2], ARGV[7])
            for i = 8, #ARGV do redis.call('ZADD', ARGV[i], ARGV[2], number) end
            redis.call('PUBLISH', KEYS[5], cjson.encode({kind = 'created', number = number, action = 'created',
                status = cjson.decode(appeal)['status']}))
            return 'new:' .. number
            """;
    private static final String UPDATE = """
            local cur = redis.call('GET', KEYS[1])
            if not cur then return redis.error_reply('NOT_FOUND') end
            if tostring(cjson.decode(cur)['version']) ~= ARGV[1] then return redis.error_reply('CONFLICT') end
            redis.call('SET', KEYS[1], ARGV[2])
            if ARGV[3] ~= '' then redis.call('RPUSH', KEYS[2], ARGV[3]) end
            local n = tonumber(ARGV[6])
            for i = 7, 6 + n do redis.call('ZREM', ARGV[i], ARGV[4]) end
            for i = 7 + n, #ARGV do redis.call('ZADD', ARGV[i], ARGV[5], ARGV[4]) end
            local action = 'sms-status'
            if ARGV[3] ~= '' then action = string.lower(cjson.decode(ARGV[3])['action']) end
            redis.call('PUBLISH', KEYS[3], cjson.encode({kind = 'changed', number = ARGV[4], action = action,
                status = cjson.decode(ARGV[2])['status']}))
            return 'OK'
            """;
    /**
     * One index: count and page by score. Several: intersect them into a short-lived key of the same slot
     * (ZINTERSTORE walks the smallest set), then count and page that, then drop it.
     */
    private static final String QUERY = """
            local from, to, offset, limit = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
            local source = KEYS[1]
            if #KEYS > 1 then
              source = ARGV[5]
              local args = {source, #KEYS}
              for i = 1, #KEYS do args[#args + 1] = KEYS[i] end
              args[#args + 1] = 'AGGREGATE'
              args[#args + 1] = 'MAX'
              redis.call('ZINTERSTORE', unpack(args))
            end
            local out = {redis.call('ZCOUNT', source, from, to)}
            local ids = redis.call('ZREVRANGEBYSCORE', source, to, from, 'LIMIT', offset, limit)
            for _, id in ipairs(ids) do out[#out + 1] = id end
            if #KEYS > 1 then redis.call('DEL', source) end
            return out
            """;

    private final RedisAsyncCommands<String, String> redis;
    private final String changes;

    /** @param database the Redis database of {@code redis}, which names the change channel */
    public RedisAppealStore(RedisAsyncCommands<String, String> redis, int database) {
        this.redis = redis;
        this.changes = AppealKeys.changes(database);
    }

    /** The number of a call's appeal, and whether this call of {@code create} made it. */
    public record Created(String number, boolean isNew) {
    }

    /** Creates the appeal of a call (numbered in Redis) unless that call already has one. */
    public Future<Created> create(Appeal draft, HistoryEntry created, CompletedCall call, int year) {
        List<String> args = new ArrayList<>(List.of(String.valueOf(year), score(draft.createdAt()),
                AppealJson.of(draft).encode(), AppealJson.of(created).encode(), AppealJson.of(call).encode(),
                AppealKeys.PREFIX, call.callId()));
        args.addAll(AppealKeys.indexesOf(draft));
        String[] keys = {AppealKeys.sequence(year), AppealKeys.appealOfCall(call.callId()), AppealKeys.call(call.callId()),
                AppealKeys.calls(), changes};
        return on(redis.<String>eval(CREATE, ScriptOutputType.VALUE, keys, args.toArray(String[]::new)))
                .map(reply -> new Created(reply.substring(4), reply.startsWith("new:")));
    }

    /** Replaces {@code before} by {@code after} if nobody changed it meanwhile, appending {@code entry} to its history. */
    public Future<Appeal> update(Appeal before, Appeal after, HistoryEntry entry) {
        Set<String> old = new HashSet<>(AppealKeys.indexesOf(before));
        Set<String> now = new HashSet<>(AppealKeys.indexesOf(after));
        List<String> remove = old.stream().filter(k -> !now.contains(k)).toList();
        List<String> add = now.stream().filter(k -> !old.contains(k)).toList();
        List<String> args = new ArrayList<>(List.of(String.valueOf(before.version()), AppealJson.of(after).encode(),
                entry == null ? "" : AppealJson.of(entry).encode(), after.number(), score(after.createdAt()),
                String.valueOf(remove.size())));
        args.addAll(remove);
        args.addAll(add);
        String[] keys = {AppealKeys.appeal(after.number()), AppealKeys.history(after.number()), changes};
        return on(redis.<String>eval(UPDATE, ScriptOutputType.STATUS, keys, args.toArray(String[]::new)))
                .recover(e -> Future.failedFuture(translate(e, after.number())))
                .map(ok -> after);
    }

    /** The number of the appeal made from call {@code callId}, if there is one yet. */
    public Future<Optional<String>> numberOfCall(String callId) {
        return on(redis.get(AppealKeys.appealOfCall(callId))).map(Optional::ofNullable);
    }

    public Future<Appeal> get(String number) {
        return on(redis.get(AppealKeys.appeal(number))).compose(json -> json == null
                ? Future.failedFuture(new AppealFailure.NotFound(number))
                : Future.succeededFuture(AppealJson.appeal(new JsonObject(json))));
    }

    /** The appeals of {@code numbers} that exist, in the order given. */
    public Future<List<Appeal>> getAll(List<String> numbers) {
        if (numbers.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return on(redis.mget(numbers.stream().map(AppealKeys::appeal).toArray(String[]::new)))
                .map(values -> values.stream().filter(KeyValue::hasValue)
                        .map(kv -> AppealJson.appeal(new JsonObject(kv.getValue()))).toList());
    }

    public Future<List<HistoryEntry>> history(String number) {
        return on(redis.lrange(AppealKeys.history(number), 0, -1))
                .map(list -> list.stream().map(s -> AppealJson.history(new JsonObject(s))).toList());
    }

    /** Numbers of the newest appeals from {@code phone}, newest first. */
    public Future<List<String>> latestOfPhone(String phone, int count) {
        return on(redis.zrevrange(AppealKeys.phone(phone), 0, count - 1L));
    }

    public Future<Page<Appeal>> query(AppealQuery q) {
        List<String> keys = new ArrayList<>();
        q.phone().ifPresent(p -> keys.add(AppealKeys.phone(p)));
        q.operator().ifPresent(o -> keys.add(AppealKeys.operator(o)));
        q.category().ifPresent(c -> keys.add(AppealKeys.category(c)));
        q.department().ifPresent(d -> keys.add(AppealKeys.department(d)));
        q.status().ifPresent(s -> keys.add(AppealKeys.status(s.key())));
        if (keys.isEmpty()) {
            keys.add(AppealKeys.all());
        }
        String[] args = {score(q.from()), score(q.to()), String.valueOf(q.offset()), String.valueOf(q.limit()),
                AppealKeys.PREFIX + "tmp:query:" + java.util.UUID.randomUUID()};
        return on(redis.<List<Object>>eval(QUERY, ScriptOutputType.MULTI, keys.toArray(String[]::new), args))
                .compose(reply -> {
                    long total = (Long) reply.get(0);
                    List<String> numbers = reply.subList(1, reply.size()).stream().map(String::valueOf).toList();
                    if (numbers.isEmpty()) {
                        return Future.succeededFuture(new Page<>(List.of(), total, q.offset(), q.limit()));
                    }
                    return getAll(numbers).map(items -> new Page<>(items, total, q.offset(), q.limit()));
                });
    }

    /** Call records that started within {@code [from, to]}, oldest first. */
    public Future<List<CompletedCall>> calls(Instant from, Instant to) {
        return on(redis.zrangebyscore(AppealKeys.calls(), Range.create(from.toEpochMilli(), to.toEpochMilli())))
                .compose(ids -> ids.isEmpty() ? Future.succeededFuture(List.<CompletedCall>of())
                        : on(redis.mget(ids.stream().map(AppealKeys::call).toArray(String[]::new)))
                        .map(values -> values.stream().filter(KeyValue::hasValue)
                                .map(kv -> AppealJson.call(new JsonObject(kv.getValue()))).toList()));
    }

    private static String score(Instant t) {
        return String.valueOf(t.toEpochMilli());
    }

    private static Throwable translate(Throwable e, String number) {
        if (e instanceof RedisCommandExecutionException r && r.getMessage() != null) {
            if (r.getMessage().contains("NOT_FOUND")) {
                return new AppealFailure.NotFound(number);
            }
            if (r.getMessage().contains("CONFLICT")) {
                return new AppealFailure.Conflict(number);
            }
        }
        return e;
    }

    private static <T> Future<T> on(CompletionStage<T> stage) {
        Context context = io.vertx.core.Vertx.currentContext();
        return context == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
    }
}
