package ua.vikno.ivr.routing;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import ua.vikno.config.ViknoConfig;
import ua.vikno.ivr.IvrSettings;
import ua.vikno.ivr.Timers;
import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.ivr.schedule.ScheduleGate;
import ua.vikno.pbx.LinePresence;
import ua.vikno.pbx.Pbx;

/** One {@link WaitingQueue} per configured queue; a line that becomes available is offered waiting callers. */
public final class CallQueues {
    private final Map<String, WaitingQueue> queues = new ConcurrentHashMap<>();
    private final RingGroups groups;

    public CallQueues(ViknoConfig config, RingGroups groups, OperatorAvailability availability, ScheduleGate schedule,
                      Pbx pbx, Clock clock, Timers timers, IvrSettings settings, Prompts prompts, Announcer announcer) {
        this.groups = groups;
        config.queues().forEach((id, q) -> groups.group(q.department()).ifPresent(g -> queues.put(id,
                new WaitingQueue(q, g, schedule, pbx, clock, timers, settings, prompts, announcer))));
        availability.onChange(this::onPresence);
    }

    public Optional<WaitingQueue> queue(String id) {
        return Optional.ofNullable(queues.get(id));
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
