package ua.vikno.server.console;

import java.time.Clock;

import io.vertx.core.eventbus.EventBus;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallNotes;

/**
 * Follows every call the node serves and publishes an {@link IncomingCall} on
 * {@link ConsoleAddresses#INCOMING_CALLS} each time one of its connection attempts rings an internal line
 * ({@link CallEvent.Ringing} of a line party, the B2BUA's 180 Ringing from that line, RFC 3261 section 13.3.1.1),
 * so that the console of the user on that line pops up the caller's earlier appeals.
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
        call.onEvent(event -> {
            if (event instanceof CallEvent.Ringing ringing && ringing.party().line()) {
                bus.publish(ConsoleAddresses.INCOMING_CALLS, new IncomingCall(call.id(), call.caller().number(),
                        ringing.party().number(), call.notes().get(CallNotes.IVR_PATH).orElse(""),
                        clock.instant()));
            }
        });
    }
}
