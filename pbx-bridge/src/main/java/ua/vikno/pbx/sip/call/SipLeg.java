package ua.vikno.pbx.sip.call;

import javax.sip.message.Request;
import javax.sip.message.Response;

import ua.vikno.pbx.sip.internal.IncomingRequest;

/**
 * One dialog of a back-to-back user agent (RFC 3261 section 6, B2BUA): the requests and responses the
 * {@link CallRegistry} finds for it by Call-ID, each delivered to a method named after the event.
 */
interface SipLeg {

    String callId();

    void onAck(IncomingRequest ack);

    void onBye(IncomingRequest bye);

    void onCancel(IncomingRequest cancel);

    /**
     * A new SDP offer inside the dialog, by re-INVITE (section 14.2) or by UPDATE (RFC 3311 section 5.2): hold,
     * unhold, new media; answered 200 with our SDP answer, or 488.
     */
    void onReOffer(IncomingRequest request);

    void onInfo(IncomingRequest info);

    /** An UPDATE inside the dialog without an offer (RFC 3311): a session refresh (RFC 4028 section 10). */
    void onUpdate(IncomingRequest update);

    /** A REFER inside the dialog (RFC 3515): a blind transfer asked by the party on this leg. */
    void onRefer(IncomingRequest refer);

    void onResponse(Response response);

    void onTimeout(Request request);
}
