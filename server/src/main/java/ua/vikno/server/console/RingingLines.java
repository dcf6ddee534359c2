package ua.vikno.server.console;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;

import io.vertx.core.eventbus.EventBus;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallNotes;

/**
 * Follows every call the node serves and publishes an {@link IncomingCall} on
 * {@link ConsoleAddresses#INCOMING_CALLS} each time one of its connection attempts rings an internal line
 * ({@link CallEvent.Ringing} of a line party, the B2BUA's 180 Ringing from that line, RFC 3261 section 13.3.1.1),
 * so that the console of the user on that line pops up the caller's earlier appeals; then, for every line that
 * rang, when a line answers and when the call ends, so that the pop-up says so.
 */
public final class RingingLines {
    private final EventBus bus;
    private final Clock clock;

    public RingingLines(EventBus bus, Clock clock) {
        this.bus = bus;
        this.clock = clock;
    }

    /** Watches {@code call} until it ends. */
    public void follow(Call call) {
        Set<String> rang = new LinkedHashSet<>();
        call.onEvent(event -> {
            if (event instanceof CallEvent.Ringing ringing && ringing.party().line()) {
                rang.add(ringing.party().number());
                publish(call, ringing.party().number(), IncomingCall.State.RINGING, "");
            } else if (event instanceof CallEvent.Bridged bridged && !rang.isEmpty()) {
                Set.copyOf(rang).forEach(line -> publish(call, line, IncomingCall.State.ANSWERED, bridged.party().number()));
                rang.retainAll(Set.of(bridged.party().number())); // the answering line hears when the call ends
            } else if (event instanceof CallEvent.Ended && !rang.isEmpty()) {
                Set.copyOf(rang).forEach(line -> publish(call, line, IncomingCall.State.ENDED, ""));
                rang.clear();
            }
        });
    }

    private void publish(Call call, String line, IncomingCall.State state, String answeredBy) {
        bus.publish(ConsoleAddresses.INCOMING_CALLS, new IncomingCall(call.id(), call.caller().number(), line,
                call.notes().get(CallNotes.IVR_PATH).orElse(""), clock.instant(), state, answeredBy));
    }
}
