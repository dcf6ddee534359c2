package ua.vikno.pbx;

import java.util.function.Consumer;

import io.vertx.core.Future;

/**
 * A telephony back end as the rest of Vikno sees it: it offers incoming calls that need a decision (calls
 * from trunks to a dialled number, calls from lines to numbers it does not route itself), tells line presence,
 * and places new calls (call-backs, supervisor sessions started from the console).
 */
public interface Pbx {

    /** Receives every incoming call that needs a decision; the handler owns the call until it ends. */
    void onIncomingCall(Consumer<Call> handler);

    /** Receives every change of a line's presence. */
    void onPresence(Consumer<LinePresence> listener);

    LinePresence presence(String extension);

    /**
     * Puts a line in do-not-disturb or takes it out (the operator's feature code, or the console): a line in
     * do-not-disturb is registered but not offered calls; its presence says so and listeners hear of the change.
     */
    void doNotDisturb(String extension, boolean on);

    /**
     * Takes the blind transfers whose target is not a line (a line is transferred to by the back end itself);
     * without a handler such transfers are declined.
     */
    void onTransfer(TransferHandler handler);

    /**
     * Places a call to {@code first}; when it answers, the returned call is answered and can be connected onward
     * (a call-back rings the operator first, then the resident).
     */
    Future<Call> originate(Destination first, String callerId, java.time.Duration ringTimeout);
}
