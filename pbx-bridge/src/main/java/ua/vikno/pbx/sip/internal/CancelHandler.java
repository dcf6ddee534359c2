package ua.vikno.pbx.sip.internal;

import javax.sip.message.Response;

/**
 * Answers a CANCEL that matches no pending INVITE with 481 (RFC 3261 section 9.2). Until INVITE is served,
 * every CANCEL is such a one.
 */
public final class CancelHandler implements RequestHandler {
    private final Responder responder;

    public CancelHandler(Responder responder) {
        this.responder = responder;
    }

    @Override
    public void handle(IncomingRequest in) {
        responder.reply(in, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
    }
}
