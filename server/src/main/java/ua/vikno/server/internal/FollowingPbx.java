package ua.vikno.server.internal;

import java.time.Duration;
import java.util.function.Consumer;

import io.vertx.core.Future;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.LinePresence;
import ua.vikno.pbx.Pbx;
import ua.vikno.pbx.TransferHandler;

/**
 * The back end as the IVR sees it: the calls the IVR places (queue call-backs) are handed to {@code follow} as soon
 * as their first party answers, before the IVR connects them onward, so that they are recorded, on the live board
 * and supervisable like incoming calls. Everything else is the back end's own.
 */
final class FollowingPbx implements Pbx {
    private final Pbx pbx;
    private final Consumer<Call> follow;

    FollowingPbx(Pbx pbx, Consumer<Call> follow) {
        this.pbx = pbx;
        this.follow = follow;
    }

    @Override
    public void onIncomingCall(Consumer<Call> handler) {
        pbx.onIncomingCall(handler);
    }

    @Override
    public void onPresence(Consumer<LinePresence> listener) {
        pbx.onPresence(listener);
    }

    @Override
    public LinePresence presence(String extension) {
        return pbx.presence(extension);
    }

    @Override
    public void doNotDisturb(String extension, boolean on) {
        pbx.doNotDisturb(extension, on);
    }

    @Override
    public void onTransfer(TransferHandler handler) {
        pbx.onTransfer(handler);
    }

    /** The placed call is followed before the future's other handlers (the IVR's connecting onward) run. */
    @Override
    public Future<Call> originate(Destination first, String callerId, Duration ringTimeout) {
        return pbx.originate(first, callerId, ringTimeout).map(call -> {
            follow.accept(call);
            return call;
        });
    }
}
