package ua.vikno.pbx.sip.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The highest nonce-count seen for each live nonce, to refuse a replayed request digest
 * (RFC 2617 section 3.2.2, RFC 7616 section 3.4.5). Entries live as long as their nonce; when there are too
 * many, the oldest are forgotten first.
 */
public final class NonceCounts {
    private final Duration lifetime;
    private final Clock clock;
    private final int capacity;
    private final LinkedHashMap<String, Entry> seen = new LinkedHashMap<>();

    private record Entry(long count, Instant forgetAt) {
    }

    public NonceCounts(Duration lifetime, Clock clock, int capacity) {
        this.lifetime = lifetime;
        this.clock = clock;
        this.capacity = capacity;
    }

    /**
     * Records {@code count} for {@code nonce}.
     *
     * @return false if a count this high or higher was already seen for that nonce: a replay
     */
    public synchronized boolean advance(String nonce, long count) {
        Instant now = clock.instant();
        Entry last = seen.get(nonce);
        if (last != null && !now.isBefore(last.forgetAt())) {
            last = null;
        }
        if (last != null && count <= last.count()) {
            return false;
        }
        seen.put(nonce, new Entry(count, last == null ? now.plus(lifetime) : last.forgetAt()));
        trim(now);
        return true;
    }

    private void trim(Instant now) {
        Iterator<Map.Entry<String, Entry>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Entry> eldest = it.next();
            if (seen.size() > capacity || !now.isBefore(eldest.getValue().forgetAt())) {
                it.remove();
            } else {
                break;
            }
        }
    }
}
