package ua.vikno.pbx.sip.call;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.vertx.core.Context;
import io.vertx.core.Future;
import ua.vikno.pbx.sip.internal.CallIdSends;

/**
 * The engine's user agent client side (RFC 3261 section 8.1): builds our Via and Contact and sends requests and
 * stateless messages through JAIN-SIP on a worker, because a JAIN-SIP send may block (a TCP connect or write).
 * Sends of one Call-ID, these and the {@link ua.vikno.pbx.sip.internal.Responder}'s, leave in the order they
 * were made ({@link CallIdSends}): an ACK is never overtaken by the BYE sent right after it.
 */
public final class SipOutbound {
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final Context context;
    private final CallIdSends sends;
    private volatile SipProvider provider;

    public SipOutbound(MessageFactory messages, HeaderFactory headers, AddressFactory addresses, Context context) {
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.context = context;
        this.sends = new CallIdSends(context);
    }

    /** Sets the provider once the listening points are open. */
    public void attach(SipProvider provider) {
        this.provider = provider;
    }

    public MessageFactory messages() {
        return messages;
    }

    public HeaderFactory headers() {
        return headers;
    }

    public AddressFactory addresses() {
        return addresses;
    }

    public Context context() {
        return context;
    }

    /** The per-Call-ID order every send of the engine goes through, responses included. */
    public CallIdSends sends() {
        return sends;
    }

    /** A new Call-ID (section 8.1.1.4). */
    public CallIdHeader newCallId() {
        return provider.getNewCallId();
    }

    /** Our listening point for {@code transport}, else the first one. */
    private ListeningPoint point(String transport) {
        ListeningPoint p = provider.getListeningPoint(transport.toLowerCase(Locale.ROOT));
        return p != null ? p : provider.getListeningPoints()[0];
    }

    /** A Via for a request we send; the stack adds the branch (section 8.1.1.7). */
    public List<ViaHeader> via(String transport) {
        ListeningPoint p = point(transport);
        try {
            List<ViaHeader> via = new ArrayList<>();
            via.add(headers.createViaHeader(p.getIPAddress(), p.getPort(), p.getTransport(), null));
            return via;
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("cannot build a Via", e);
        }
    }

    /** Our Contact for a dialog over {@code transport}: where in-dialog requests reach us (section 12.1.1). */
    public ContactHeader contact(String user, String transport) {
        ListeningPoint p = point(transport);
        try {
            SipURI uri = addresses.createSipURI(user, p.getIPAddress());
            uri.setPort(p.getPort());
            if (!"udp".equalsIgnoreCase(p.getTransport())) {
                uri.setTransportParam(p.getTransport().toLowerCase(Locale.ROOT));
            }
            Address address = addresses.createAddress(uri);
            return headers.createContactHeader(address);
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a Contact", e);
        }
    }

    /** Sends {@code request} in a new client transaction; its responses come back through the call registry. */
    public Future<ClientTransaction> send(Request request) {
        SipProvider p = provider;
        return sends.submit(request, () -> {
            ClientTransaction transaction = p.getNewClientTransaction(request);
            transaction.sendRequest();
            return transaction;
        });
    }

    /** Sends a CANCEL for a pending INVITE client transaction (section 9.1). */
    public Future<ClientTransaction> cancel(ClientTransaction invite) {
        SipProvider p = provider;
        return sends.submit(invite.getRequest(), () -> {
            ClientTransaction cancel = p.getNewClientTransaction(invite.createCancel());
            cancel.sendRequest();
            return cancel;
        });
    }

    /** Sends an ACK for a 2xx outside any transaction (section 13.2.2.4). */
    public Future<Void> sendStateless(Request request) {
        SipProvider p = provider;
        return sends.submit(request, () -> {
            p.sendRequest(request);
            return null;
        });
    }

    /** Sends a retransmission of our 2xx outside any transaction (section 13.3.1.4). */
    public Future<Void> sendStateless(Response response) {
        SipProvider p = provider;
        return sends.submit(response, () -> {
            p.sendResponse(response);
            return null;
        });
    }
}
