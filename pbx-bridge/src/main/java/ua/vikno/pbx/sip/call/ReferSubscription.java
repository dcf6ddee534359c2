package ua.vikno.pbx.sip.call;

import java.text.ParseException;
import java.util.function.Predicate;

import javax.sip.address.SipURI;
import javax.sip.header.ReferToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.vertx.core.Future;
import ua.vikno.pbx.sip.internal.IncomingRequest;
import ua.vikno.pbx.sip.internal.Responder;

/**
 * A blind transfer asked for by REFER in a leg's dialog, and the implicit subscription it creates (RFC 3515): 202
 * Accepted when the call takes the target, then the progress as message/sipfrag NOTIFYs (section 2.4.5), sent in
 * order (section 2.4.4); declined with a NOTIFY 603 when the call does not. Runs on the engine's context.
 */
final class ReferSubscription {
    private final Dialog dialog;
    private final SipOutbound out;
    private final Responder responder;
    /** NOTIFYs leave one after the other. */
    private Future<?> lastNotify = Future.succeededFuture();

    ReferSubscription(Dialog dialog, SipOutbound out, Responder responder) {
        this.dialog = dialog;
        this.out = out;
        this.responder = responder;
    }

    /**
     * A REFER in the dialog: 481 unless {@code confirmed}, 400 when Refer-To names no user, else 202 and then
     * {@code transfer} decides (a user part in, false declines it).
     */
    void onRefer(IncomingRequest refer, boolean confirmed, Predicate<String> transfer) {
        ReferToHeader referTo = (ReferToHeader) refer.request().getHeader(ReferToHeader.NAME);
        if (!confirmed) {
            responder.reply(refer, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
        } else if (referTo == null || !(referTo.getAddress().getURI() instanceof SipURI target)
                || target.getUser() == null) {
            responder.reply(refer, Response.BAD_REQUEST, "Refer-To Must Name A Line");
        } else {
            responder.reply(refer, Response.ACCEPTED, null).onComplete(sent -> {
                if (!transfer.test(target.getUser())) {
                    notifyProgress(Response.DECLINE, "Decline", true);
                } else {
                    notifyProgress(Response.TRYING, "Trying", false);
                }
            });
        }
    }

    /** Tells the transferor how the transfer goes; {@code last} ends the subscription. */
    void notifyProgress(int status, String reason, boolean last) {
        Request notify = dialog.request(Request.NOTIFY, out);
        try {
            notify.addHeader(out.headers().createEventHeader("refer"));
            notify.addHeader(out.headers().createSubscriptionStateHeader(last ? "terminated;reason=noresource"
                    : "active;expires=60"));
            notify.addHeader(out.contact("vikno", dialog.transport()));
            notify.setContent("SIP/2.0 " + status + " " + reason + "\r\n",
                    out.headers().createContentTypeHeader("message", "sipfrag;version=2.0"));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        lastNotify = lastNotify.transform(x -> out.send(notify));
    }
}
