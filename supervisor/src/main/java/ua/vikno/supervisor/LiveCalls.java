package ua.vikno.supervisor;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallEvent;

/**
 * Which call each line is talking on now, learnt from the calls' own events: a line is on a call from
 * {@link CallEvent.Bridged} until {@link CallEvent.Unbridged} or {@link CallEvent.Ended}.
 */
public final class LiveCalls {
    private final Map<String, Call> byLine = new ConcurrentHashMap<>();

    /** Follows a call; the server passes every call it accepts. */
    public void track(Call call) {
        if (call.caller().line()) {
            // An internal caller (an operator dialling out) is on this call from the start.
            byLine.put(call.caller().number(), call);
        }
        call.onEvent(event -> {
            if (event instanceof CallEvent.Bridged b && b.party().line()) {
                byLine.put(b.party().number(), call);
            } else if (event instanceof CallEvent.Unbridged u) {
                byLine.remove(u.party().number(), call);
            } else if (event instanceof CallEvent.Ended) {
                byLine.values().removeIf(c -> c == call);
            }
        });
    }

    public Optional<Call> callOf(String line) {
        return Optional.ofNullable(byLine.get(line));
    }
}
