package ua.vikno.pbx.sip.internal;

import java.text.ParseException;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.ServerTransaction;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Response;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds responses to incoming requests (RFC 3261 section 8.2.6) and sends them through their server
 * transaction on a worker thread, because a JAIN-SIP send may block (a TCP write or connect), in order with the
 * other sends of their Call-ID ({@link CallIdSends}).
 */
public final class Responder {
    private static final Logger LOG = LoggerFactory.getLogger(Responder.class);

    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final CallIdSends sends;

    public Responder(MessageFactory messages, HeaderFactory headers, CallIdSends sends) {
        this.messages = messages;
        this.headers = headers;
        this.sends = sends;
    }

    public HeaderFactory headers() {
        return headers;
    }

    /** A response to {@code in} with a To tag added when the request had none (section 8.2.6.2). */
    public Response create(IncomingRequest in, int status, String reason) {
        try {
            Response response = messages.createResponse(status, in.request());
            if (reason != null) {
                response.setReasonPhrase(reason);
            }
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (status > 100 && to != null && to.getTag() == null) {
                to.setTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
            }
            return response;
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a " + status + " response", e);
        }
    }

    public Future<Void> reply(IncomingRequest in, int status, String reason) {
        return send(in, create(in, status, reason));
    }

    /** Sends {@code response} on a worker, after the sends made before it for the same Call-ID. */
    public Future<Void> send(IncomingRequest in, Response response) {
        ServerTransaction transaction = in.transaction();
        if (transaction == null) {
            return Future.succeededFuture();
        }
        return sends.<Void>submit(response, () -> {
            transaction.sendResponse(response);
            return null;
        }).onFailure(e -> LOG.warn("cannot send {} {} to {} (call-id {}): {}", response.getStatusCode(),
                response.getReasonPhrase(), in.source(), in.callId(), e.toString()));
    }
}
