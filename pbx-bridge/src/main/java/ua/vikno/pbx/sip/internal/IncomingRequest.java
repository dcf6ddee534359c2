package ua.vikno.pbx.sip.internal;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/**
 * A request taken off a JAIN-SIP thread, with the server transaction that absorbs its retransmissions
 * (RFC 3261 section 17.2) and where it came from.
 *
 * @param transaction null only for ACK, which has no transaction of its own
 * @param transport   {@code udp} or {@code tcp}
 */
public record IncomingRequest(Request request, ServerTransaction transaction, String transport, String address,
                              int port) {

    public String method() {
        return request.getMethod();
    }

    /** {@code transport:address:port}, the form used in logs and bindings. */
    public String source() {
        return transport + ":" + address + ":" + port;
    }

    public String callId() {
        javax.sip.header.CallIdHeader callId = (javax.sip.header.CallIdHeader) request.getHeader("Call-ID");
        return callId == null ? "" : callId.getCallId();
    }
}
