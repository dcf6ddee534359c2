package ua.vikno.ivr;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallEvent;

/**
 * One subscription to a call's events shared by the IVR parts that take turns with the call (menu, queue,
 * voicemail); each part listens only while it owns the call and then closes its listener.
 * {@link Call#onEvent} offers no way to unsubscribe, hence this hub.
 */
public final class CallEvents {
    private final List<Consumer<CallEvent>> listeners = new CopyOnWriteArrayList<>();

    public CallEvents(Call call) {
        call.onEvent(this::dispatch);
    }

    /** Adds a listener until the returned subscription is closed. */
    public Subscription listen(Consumer<CallEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void dispatch(CallEvent event) {
        for (Consumer<CallEvent> l : listeners) {
            l.accept(event);
        }
    }

    /** A listener's registration; closing is idempotent. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
