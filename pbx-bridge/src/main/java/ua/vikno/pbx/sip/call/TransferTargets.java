package ua.vikno.pbx.sip.call;

import java.util.Optional;

import ua.vikno.pbx.TransferHandler;

/** The handler of blind transfers to targets that are not lines, set once the node has wired its IVR. */
final class TransferTargets {
    private volatile TransferHandler handler;

    void set(TransferHandler handler) {
        this.handler = handler;
    }

    /** The handler, if it takes {@code target}. */
    Optional<TransferHandler> taking(String target) {
        TransferHandler h = handler;
        return h != null && h.accepts(target) ? Optional.of(h) : Optional.empty();
    }
}
