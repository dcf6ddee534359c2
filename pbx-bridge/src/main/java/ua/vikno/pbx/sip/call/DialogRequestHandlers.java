package ua.vikno.pbx.sip.call;

import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.pbx.sip.internal.IncomingRequest;
import ua.vikno.pbx.sip.internal.RequestHandler;
import ua.vikno.pbx.sip.internal.Responder;

/**
 * The handlers of requests that belong to a dialog or a pending INVITE: ACK, BYE, CANCEL, INFO, UPDATE and
 * REFER. Each finds the
 * leg by Call-ID and hands the request to the method named after it; with no such leg, the others get
 * 481 (RFC 3261 sections 9.2 and 15.1.2) and a stray ACK is dropped (section 17.2.1).
 */
public final class DialogRequestHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(DialogRequestHandlers.class);

    private final CallRegistry registry;
    private final Responder responder;

    public DialogRequestHandlers(CallRegistry registry, Responder responder) {
        this.registry = registry;
        this.responder = responder;
    }

    public RequestHandler ack() {
        return in -> {
            SipLeg leg = registry.leg(in.request());
            if (leg == null) {
                LOG.debug("ACK for no dialog from {} dropped", in.source());
            } else {
                leg.onAck(in);
            }
        };
    }

    public RequestHandler bye() {
        return in -> withLeg(in).ifPresent(leg -> leg.onBye(in));
    }

    public RequestHandler cancel() {
        return in -> withLeg(in).ifPresent(leg -> leg.onCancel(in));
    }

    public RequestHandler refer() {
        return in -> withLeg(in).ifPresent(leg -> leg.onRefer(in));
    }

    /**
     * An UPDATE with an SDP offer goes where a re-INVITE's offer goes (RFC 3311 section 5.2); without one, it is a
     * refresh.
     */
    public RequestHandler update() {
        return in -> withLeg(in).ifPresent(leg -> {
            if (carriesOffer(in.request())) {
                leg.onReOffer(in);
            } else {
                leg.onUpdate(in);
            }
        });
    }

    public RequestHandler info() {
        return in -> withLeg(in).ifPresent(leg -> leg.onInfo(in));
    }

    private static boolean carriesOffer(Request request) {
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        byte[] body = request.getRawContent();
        return body != null && body.length > 0 && type != null
                && "application".equalsIgnoreCase(type.getContentType())
                && "sdp".equalsIgnoreCase(type.getContentSubType());
    }

    private java.util.Optional<SipLeg> withLeg(IncomingRequest in) {
        SipLeg leg = registry.leg(in.request());
        if (leg == null) {
            responder.reply(in, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
        }
        return java.util.Optional.ofNullable(leg);
    }
}
