package ua.vikno.ivr.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.LinePresence;
import ua.vikno.pbx.Pbx;

/**
 * A {@link Pbx} for tests: the test sets each line's presence (all lines start registered and free) and
 * answers or fails the calls Vikno originates.
 */
public final class FakePbx implements Pbx {
    private final FakeTime time;
    private final Map<String, LinePresence> presence = new HashMap<>();
    private final List<Consumer<LinePresence>> presenceListeners = new ArrayList<>();
    private final List<Consumer<Call>> incoming = new ArrayList<>();
    private final List<Originated> originated = new ArrayList<>();

    /** A call Vikno placed, and what became of it. */
    public record Originated(Destination first, String callerId, Duration ringTimeout, Promise<Call> promise) {
    }

    public FakePbx(FakeTime time) {
        this.time = time;
    }

    /** Sets a line's presence and tells the listeners. */
    public void presence(String extension, boolean registered, boolean onCall, boolean doNotDisturb) {
        LinePresence p = new LinePresence(extension, registered, onCall, doNotDisturb);
        presence.put(extension, p);
        presenceListeners.forEach(l -> l.accept(p));
    }

    public void onACall(String extension) {
        presence(extension, true, true, false);
    }

    public void free(String extension) {
        presence(extension, true, false, false);
    }

    public void doNotDisturb(String extension) {
        presence(extension, true, false, true);
    }

    @Override
    public void doNotDisturb(String extension, boolean on) {
        LinePresence was = presence(extension);
        presence(extension, was.registered(), was.onCall(), on);
    }

    public void unregistered(String extension) {
        presence(extension, false, false, false);
    }

    /** Offers an incoming call to the handler. */
    public void offer(FakeCall call) {
        incoming.forEach(h -> h.accept(call));
    }

    public List<Originated> originated() {
        return List.copyOf(originated);
    }

    /** The last originated call is answered by its first destination: returns that leg. */
    public FakeCall answerOriginated(String legId) {
        Originated o = originated.get(originated.size() - 1);
        String ext = ((Destination.Line) o.first()).extension();
        FakeCall leg = new FakeCall(legId, ext, ext, time);
        leg.answer();
        o.promise().complete(leg);
        return leg;
    }

    /** The last originated call is not answered. */
    public void failOriginated(HangupCause cause) {
        originated.get(originated.size() - 1).promise().fail(cause.name());
    }

    @Override
    public void onIncomingCall(Consumer<Call> handler) {
        incoming.add(handler);
    }

    /** The handler of transfers to targets that are not lines, as the node gave it. */
    public volatile ua.vikno.pbx.TransferHandler transfers;

    @Override
    public void onTransfer(ua.vikno.pbx.TransferHandler handler) {
        this.transfers = handler;
    }

    @Override
    public void onPresence(Consumer<LinePresence> listener) {
        presenceListeners.add(listener);
    }

    @Override
    public LinePresence presence(String extension) {
        return presence.getOrDefault(extension, new LinePresence(extension, true, false, false));
    }

    @Override
    public Future<Call> originate(Destination first, String callerId, Duration ringTimeout) {
        Promise<Call> p = Promise.promise();
        originated.add(new Originated(first, callerId, ringTimeout, p));
        return p.future();
    }
}
