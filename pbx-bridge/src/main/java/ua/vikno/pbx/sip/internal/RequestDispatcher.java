package ua.vikno.pbx.sip.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Set;

import javax.sip.header.AllowHeader;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request to the handler registered for its method. A method the engine knows of but does not
 * serve gets 405 with Allow; a method it does not recognise gets 501 (RFC 3261 sections 8.2.1 and 21.5.2).
 * A request that requires an extension gets 420 with Unsupported, as no extension is served yet (section 8.2.2.3).
 * A stray ACK is dropped: it is never answered (section 17.2.1).
 */
public final class RequestDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);
    /** Methods of RFC 3261 and its common extensions (3262, 3265, 3311, 3428, 3515, 3903, 6086). */
    private static final Set<String> KNOWN = Set.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER",
            "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE");

    private final Map<String, RequestHandler> handlers = new LinkedHashMap<>();
    private final Responder responder;

    public RequestDispatcher(Responder responder) {
        this.responder = responder;
    }

    public RequestDispatcher register(String method, RequestHandler handler) {
        handlers.put(method, handler);
        return this;
    }

    /** The methods served, for Allow headers. */
    public Set<String> allowed() {
        return handlers.keySet();
    }

    /** Checks the method (section 8.2.1), then the required extensions (section 8.2.2.3), then hands over. */
    public void dispatch(IncomingRequest in) {
        RequestHandler handler = handlers.get(in.method());
        if (handler == null) {
            refuseMethod(in);
            return;
        }
        List<String> required = required(in.request());
        if (!required.isEmpty() && !Request.CANCEL.equals(in.method()) && !Request.ACK.equals(in.method())) {
            refuseExtensions(in, required);
            return;
        }
        try {
            handler.handle(in);
        } catch (RuntimeException e) {
            LOG.error("{} from {} (call-id {}) failed", in.method(), in.source(), in.callId(), e);
            responder.reply(in, Response.SERVER_INTERNAL_ERROR, null);
        }
    }

    private void refuseMethod(IncomingRequest in) {
        if (Request.ACK.equals(in.method())) {
            LOG.debug("stray ACK from {} dropped", in.source());
        } else if (KNOWN.contains(in.method())) {
            Response response = responder.create(in, Response.METHOD_NOT_ALLOWED, null);
            response.addHeader(allow());
            responder.send(in, response);
        } else {
            responder.reply(in, Response.NOT_IMPLEMENTED, null);
        }
    }

    private void refuseExtensions(IncomingRequest in, List<String> required) {
        Response response = responder.create(in, Response.BAD_EXTENSION, null);
        try {
            for (String option : required) {
                response.addHeader(responder.headers().createUnsupportedHeader(option));
            }
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
        responder.send(in, response);
    }

    private static List<String> required(Request request) {
        List<String> options = new ArrayList<>();
        for (ListIterator<?> it = request.getHeaders(RequireHeader.NAME); it.hasNext(); ) {
            options.add(((RequireHeader) it.next()).getOptionTag());
        }
        return options;
    }

    /** An Allow header listing the methods served (RFC 3261 section 20.5). */
    public AllowHeader allow() {
        try {
            return responder.headers().createAllowHeader(String.join(", ", allowed()));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
