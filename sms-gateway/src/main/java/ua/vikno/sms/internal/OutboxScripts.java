package ua.vikno.sms.internal;

/**
 * The Lua scripts that move an SMS between states atomically in Redis. Every key a script touches shares the
 * prefix's hash tag, so they also run on Redis Cluster. Replies start with a verdict word, then, where the
 * caller needs it, the message hash as HGETALL pairs.
 */
final class OutboxScripts {
    private OutboxScripts() {
    }

    /** Receipt states that end a part badly (SMPP 3.4 Appendix B). */
    private static final String AGGREGATE = """
            local function aggregate(k)
              local st = redis.call('HGET', k, 'status')
              if st ~= 'SENT' then return st end
              local ids = redis.call('HGET', k, 'smsc') or ''
              local total, ok, bad = 0, 0, nil
              for sid in string.gmatch(ids, '[^,]+') do
                total = total + 1
                local d = redis.call('HGET', k, 'dlr.' .. sid)
                if d == 'DELIVRD' then ok = ok + 1
                elseif d == 'UNDELIV' or d == 'REJECTD' or d == 'EXPIRED' or d == 'DELETED' or d == 'UNKNOWN' then bad = d end
              end
              if bad then
                redis.call('HSET', k, 'status', 'FAILED', 'lastError', 'delivery receipt ' .. bad)
                return 'FAILED'
              end
              if total > 0 and ok == total then
                redis.call('HSET', k, 'status', 'DELIVERED')
                return 'DELIVERED'
              end
              return 'SENT'
            end
            local function withHash(r, k)
              for _, v in ipairs(redis.call('HGETALL', k)) do table.insert(r, v) end
              return r
            end
            """;

    /** KEYS: msg, stream. ARGV: id, destination, text, reference, now. Writes the hash and the stream entry once. */
    static final String ENQUEUE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'id', ARGV[1], 'destination', ARGV[2], 'text', ARGV[3], 'reference', ARGV[4],
              'status', 'QUEUED', 'attempts', '0', 'queuedAt', ARGV[5], 'updatedAt', ARGV[5])
            redis.call('XADD', KEYS[2], '*', 'id', ARGV[1])
            return 1
            """;

    /** KEYS: msg. ARGV: consumer, now, leaseUntil. Takes the sending lease unless someone else holds it. */
    static final String BEGIN = AGGREGATE + """
            if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
            local st = redis.call('HGET', KEYS[1], 'status')
            if st == 'SENT' or st == 'DELIVERED' or st == 'FAILED' then return {'done', st} end
            if st == 'SENDING' then
              local owner = redis.call('HGET', KEYS[1], 'owner') or ''
              local lease = tonumber(redis.call('HGET', KEYS[1], 'leaseUntil') or '0')
              if owner ~= ARGV[1] and lease > tonumber(ARGV[2]) then return {'busy', tostring(lease)} end
            end
            local nextAt = tonumber(redis.call('HGET', KEYS[1], 'nextAttemptAt') or '0')
            if nextAt > tonumber(ARGV[2]) then return {'wait', tostring(nextAt)} end
            redis.call('HSET', KEYS[1], 'status', 'SENDING', 'owner', ARGV[1], 'leaseUntil', ARGV[3], 'updatedAt', ARGV[2])
            return withHash({'go'}, KEYS[1])
            """;

    /** KEYS: msg, smsc index, early receipt. ARGV: part, smscId, now, ttl seconds, id. */
    static final String PART_SENT = """
            redis.call('HSET', KEYS[1], 'part.' .. ARGV[1], ARGV[2], 'updatedAt', ARGV[3])
            redis.call('SET', KEYS[2], ARGV[5], 'EX', ARGV[4])
            local early = redis.call('GET', KEYS[3])
            if early then
              redis.call('DEL', KEYS[3])
              redis.call('HSET', KEYS[1], 'dlr.' .. ARGV[2], early)
            end
            return 1
            """;

    /**
     * KEYS: msg, stream, then per part its smsc index key and its early-receipt key. ARGV: group, entry id,
     * smsc ids (comma-joined), parts, now, ttl seconds, id. Marks SENT, indexes every part, takes in receipts
     * that came before their submit_sm_resp was recorded, and acks.
     */
    static final String COMPLETE = AGGREGATE + """
            redis.call('HSET', KEYS[1], 'status', 'SENT', 'smsc', ARGV[3], 'parts', ARGV[4], 'owner', '',
              'sentAt', ARGV[5], 'updatedAt', ARGV[5])
            local i = 3
            for sid in string.gmatch(ARGV[3], '[^,]+') do
              redis.call('SET', KEYS[i], ARGV[7], 'EX', ARGV[6])
              local early = redis.call('GET', KEYS[i + 1])
              if early then
                redis.call('DEL', KEYS[i + 1])
                redis.call('HSET', KEYS[1], 'dlr.' .. sid, early)
              end
              i = i + 2
            end
            redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
            redis.call('XDEL', KEYS[2], ARGV[2])
            return withHash({aggregate(KEYS[1])}, KEYS[1])
            """;

    /** KEYS: msg, stream, dead list. ARGV: group, entry id, error, now, next attempt at, max attempts, id. */
    static final String ATTEMPT_FAILED = """
            local a = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
            if a >= tonumber(ARGV[6]) then
              redis.call('HSET', KEYS[1], 'status', 'FAILED', 'lastError', ARGV[3], 'failedAt', ARGV[4],
                'updatedAt', ARGV[4], 'owner', '')
              redis.call('RPUSH', KEYS[3], ARGV[7])
              redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
              redis.call('XDEL', KEYS[2], ARGV[2])
              return {'dead', tostring(a)}
            end
            redis.call('HSET', KEYS[1], 'status', 'QUEUED', 'lastError', ARGV[3], 'nextAttemptAt', ARGV[5],
              'updatedAt', ARGV[4], 'owner', '')
            return {'retry', tostring(a)}
            """;

    /** KEYS: msg, stream, dead list. ARGV: id, now. Puts a dead letter back in the outbox with fresh attempts. */
    static final String REVIVE = """
            if redis.call('LREM', KEYS[3], 0, ARGV[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[1], 'status', 'QUEUED', 'attempts', '0', 'nextAttemptAt', '0', 'owner', '',
              'lastError', '', 'updatedAt', ARGV[2])
            redis.call('XADD', KEYS[2], '*', 'id', ARGV[1])
            return 1
            """;

    /** KEYS: msg. ARGV: consumer, now. Gives the lease back without counting an attempt. */
    static final String REQUEUE = """
            if redis.call('HGET', KEYS[1], 'status') == 'SENDING' and redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
              redis.call('HSET', KEYS[1], 'status', 'QUEUED', 'owner', '', 'updatedAt', ARGV[2])
            end
            return 1
            """;

    /**
     * KEYS: smsc index, early receipt. ARGV: smscId, state, now, msg key prefix, early ttl seconds. A receipt
     * for an id not (yet) known is kept for a while under its early key, for the submit it overtook.
     */
    static final String RECEIPT = AGGREGATE + """
            local id = redis.call('GET', KEYS[1])
            if not id then
              redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[5])
              return {'unmatched'}
            end
            local k = ARGV[4] .. id
            local before = redis.call('HGET', k, 'status') or ''
            redis.call('HSET', k, 'dlr.' .. ARGV[1], ARGV[2], 'updatedAt', ARGV[3])
            local after = aggregate(k) or ''
            return withHash({'matched', before, after}, k)
            """;
}
