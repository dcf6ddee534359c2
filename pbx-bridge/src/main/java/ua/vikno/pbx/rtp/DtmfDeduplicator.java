package ua.vikno.pbx.rtp;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * One key press counted once when a phone signals it both ways, as an RFC 4733 event and as a SIP INFO: a digit
 * is dropped if the same digit came by the other way within the window and was not paired yet. Presses of one
 * key in a row by one way are all kept, and so are both of a real double press signalled both ways (each INFO
 * pairs with its own RFC 4733 event). Not thread-safe: use it on the call's context.
 */
public final class DtmfDeduplicator {
    private final long windowNanos;
    private final Map<DtmfEvent.Source, Deque<Seen>> unpaired = new EnumMap<>(DtmfEvent.Source.class);

    private record Seen(DtmfDigit digit, long atNanos) {
    }

    public DtmfDeduplicator(Duration window) {
        this.windowNanos = window.toNanos();
        for (DtmfEvent.Source source : DtmfEvent.Source.values()) {
            unpaired.put(source, new ArrayDeque<>());
        }
    }

    /** Whether {@code event}, received at {@code nowNanos}, is a new key press. */
    public boolean accept(DtmfEvent event, long nowNanos) {
        for (Deque<Seen> seen : unpaired.values()) {
            seen.removeIf(s -> nowNanos - s.atNanos() > windowNanos);
        }
        for (Map.Entry<DtmfEvent.Source, Deque<Seen>> other : unpaired.entrySet()) {
            if (other.getKey() != event.source()) {
                for (Seen s : other.getValue()) {
                    if (s.digit() == event.digit()) {
                        other.getValue().remove(s);
                        return false;
                    }
                }
            }
        }
        unpaired.get(event.source()).addLast(new Seen(event.digit(), nowNanos));
        return true;
    }
}
