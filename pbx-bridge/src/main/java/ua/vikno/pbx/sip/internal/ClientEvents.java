package ua.vikno.pbx.sip.internal;

import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Receives, on the engine's context, what comes back for requests the engine sent as a user agent client
 * (RFC 3261 section 8.1.3): responses, and client transactions that timed out.
 */
public interface ClientEvents {

    /** Drops everything: for an engine that sends no requests. */
    ClientEvents NONE = new ClientEvents() {
        @Override
        public void onResponse(Response response) {
        }

        @Override
        public void onTimeout(Request request) {
        }
    };

    /** A response, including a retransmitted 2xx whose INVITE transaction has ended (section 13.2.2.4). */
    void onResponse(Response response);

    /** The client transaction of {@code request} timed out (Timer B or F, section 17.1). */
    void onTimeout(Request request);
}
