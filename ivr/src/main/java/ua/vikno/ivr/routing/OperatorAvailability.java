package ua.vikno.ivr.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import ua.vikno.pbx.LinePresence;
import ua.vikno.pbx.Pbx;

/**
 * Which operators can take a call now (registered, not on a call, not in do-not-disturb, as the
 * {@link Pbx} reports), and when each one's last call ended, for the least-recent ring strategy.
 */
public final class OperatorAvailability {
    private final Pbx pbx;
    private final Clock clock;
    private final Map<String, LinePresence> last = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastCallEnded = new ConcurrentHashMap<>();
    private final List<Consumer<LinePresence>> listeners = new CopyOnWriteArrayList<>();

    public OperatorAvailability(Pbx pbx, Clock clock) {
        this.pbx = pbx;
        this.clock = clock;
        pbx.onPresence(this::onPresence);
    }

    public boolean available(String extension) {
        return pbx.presence(extension).available();
    }

    /** When the line's last call ended, or {@link Instant#EPOCH} when it has had none since start-up. */
    public Instant lastCallEnded(String extension) {
        return lastCallEnded.getOrDefault(extension, Instant.EPOCH);
    }

    /** Tells {@code listener} of every presence change (queues dispatch waiting callers on it). */
    public void onChange(Consumer<LinePresence> listener) {
        listeners.add(listener);
    }

    private void onPresence(LinePresence presence) {
        LinePresence before = last.put(presence.extension(), presence);
        if (before != null && before.onCall() && !presence.onCall()) {
            lastCallEnded.put(presence.extension(), clock.instant());
        }
        for (Consumer<LinePresence> l : listeners) {
            l.accept(presence);
        }
    }
}
