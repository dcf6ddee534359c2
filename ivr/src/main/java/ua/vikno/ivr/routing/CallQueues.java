package ua.vikno.ivr.routing;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import ua.vikno.config.ViknoConfig;
import ua.vikno.ivr.callback.CallbackJournal;
import ua.vikno.ivr.callback.CallbackProgress;
import ua.vikno.ivr.callback.PendingCallback;
import ua.vikno.ivr.IvrSettings;
import ua.vikno.ivr.Timers;
import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.ivr.schedule.ScheduleGate;
import ua.vikno.pbx.LinePresence;
import ua.vikno.pbx.Pbx;

/** One {@link WaitingQueue} per configured queue; a line that becomes available is offered waiting callers. */
public final class CallQueues {
    private static final Logger LOG = LoggerFactory.getLogger(CallQueues.class);
    private final Map<String, WaitingQueue> queues = new ConcurrentHashMap<>();
    private final RingGroups groups;
    private final CallbackJournal journal;

    public CallQueues(ViknoConfig config, RingGroups groups, OperatorAvailability availability, ScheduleGate schedule,
                      Pbx pbx, Clock clock, Timers timers, IvrSettings settings, Prompts prompts, Announcer announcer,
                      CallbackJournal journal, CallbackProgress progress) {
        this.groups = groups;
        this.journal = journal;
        config.queues().forEach((id, q) -> groups.group(q.department()).ifPresent(g -> queues.put(id,
                new WaitingQueue(q, g, schedule, pbx, clock, timers, settings, prompts, announcer, journal,
                        progress))));
        availability.onChange(this::onPresence);
    }

    public Optional<WaitingQueue> queue(String id) {
        return Optional.ofNullable(queues.get(id));
    }

    /**
     * Puts the call-backs kept over a restart back in their queues, oldest place first, reading the store again
     * with back-off while it refuses; completes with how many were restored once it read them. A call-back of a
     * queue no longer configured is dropped.
     */
    public Future<Integer> restore() {
        return journal.load().map(kept -> {
            int restored = 0;
            for (PendingCallback cb : kept) {
                Optional<WaitingQueue> q = queue(cb.queue());
                if (q.isPresent()) {
                    q.get().restore(cb);
                    restored++;
                } else {
                    LOG.warn("call={} call-back of queue {} dropped: no such queue now", cb.callId(), cb.queue());
                    journal.remove(cb.callId());
                }
            }
            return restored;
        });
    }

    private void onPresence(LinePresence presence) {
        for (WaitingQueue q : queues.values()) {
            boolean member = groups.group(q.department())
                    .filter(g -> g.department().members().contains(presence.extension())).isPresent();
            if (member) {
                q.onPresence(presence.extension());
            }
        }
    }
}
