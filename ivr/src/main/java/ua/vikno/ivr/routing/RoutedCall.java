package ua.vikno.ivr.routing;

import java.util.Optional;

import ua.vikno.ivr.CallEvents;
import ua.vikno.pbx.Call;

/**
 * A call while the IVR routes it: the call, the shared subscription to its events, the trunk it came in on
 * (for external targets and call-backs), and how many targets it has passed through.
 */
public final class RoutedCall {
    private final Call call;
    private final CallEvents events;
    private final Optional<String> trunk;
    private int hops;

    public RoutedCall(Call call, CallEvents events, Optional<String> trunk) {
        this.call = call;
        this.events = events;
        this.trunk = trunk;
    }

    public Call call() {
        return call;
    }

    public CallEvents events() {
        return events;
    }

    /** The trunk the call came in through, or the one to use for outside numbers. */
    public Optional<String> trunk() {
        return trunk;
    }

    public String id() {
        return call.id();
    }

    /** Counts one more target and returns the count. */
    int hop() {
        return ++hops;
    }
}
