package ua.vikno.pbx.sip.internal;

import java.text.ParseException;

import javax.sip.message.Response;

/** Answers OPTIONS with 200, the methods served and the body types accepted (RFC 3261 section 11.2). */
public final class OptionsHandler implements RequestHandler {
    private final Responder responder;
    private final RequestDispatcher dispatcher;

    public OptionsHandler(Responder responder, RequestDispatcher dispatcher) {
        this.responder = responder;
        this.dispatcher = dispatcher;
    }

    @Override
    public void handle(IncomingRequest in) {
        Response response = responder.create(in, Response.OK, null);
        try {
            response.addHeader(dispatcher.allow());
            response.addHeader(responder.headers().createAcceptHeader("application", "sdp"));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        responder.send(in, response);
    }
}
