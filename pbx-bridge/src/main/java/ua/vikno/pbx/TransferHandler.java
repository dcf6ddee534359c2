package ua.vikno.pbx;

import io.vertx.core.Future;

/**
 * Where an operator's blind transfer goes when its target is not a line: for example a department, rung as its
 * ring group with its fallback. The back end asks {@link #accepts} before it agrees to the transfer (SIP: before
 * it answers the REFER 202), then hands over the caller, answered and no longer bridged to the operator.
 */
public interface TransferHandler {

    /** Whether {@code target}, as the operator dialled it (a SIP Refer-To's user part), is one this handler takes. */
    boolean accepts(String target);

    /**
     * Routes the transferred caller to {@code target}; completes with true once the caller talks to someone, false
     * if routing ended otherwise (a message left, the call hung up). The handler owns the call from here on.
     */
    Future<Boolean> transfer(Call call, String target);
}
