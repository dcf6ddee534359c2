package ua.vikno.pbx.sip.internal;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

import gov.nist.javax.sip.RequestEventExt;
import io.vertx.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one JAIN-SIP listener: on the stack's thread it only opens the server transaction (so retransmissions are
 * absorbed, RFC 3261 section 17.2) and then hands the request to the {@link RequestDispatcher} on the engine's
 * Vert.x context; responses and client timeouts go to {@link ClientEvents} on that context too.
 */
public final class EngineListener implements SipListener {
    private static final Logger LOG = LoggerFactory.getLogger(EngineListener.class);

    private final SipProvider provider;
    private final Context context;
    private final RequestDispatcher dispatcher;
    private final ClientEvents client;

    public EngineListener(SipProvider provider, Context context, RequestDispatcher dispatcher) {
        this(provider, context, dispatcher, ClientEvents.NONE);
    }

    public EngineListener(SipProvider provider, Context context, RequestDispatcher dispatcher, ClientEvents client) {
        this.provider = provider;
        this.context = context;
        this.dispatcher = dispatcher;
        this.client = client;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        ServerTransaction transaction = event.getServerTransaction();
        if (transaction == null && !Request.ACK.equals(request.getMethod())) {
            try {
                transaction = provider.getNewServerTransaction(request);
            } catch (TransactionAlreadyExistsException e) {
                return; // a retransmission: the existing transaction answers it
            } catch (TransactionUnavailableException e) {
                LOG.warn("no transaction for {} from {}: {}", request.getMethod(), remote(event), e.getMessage());
                return;
            }
        }
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        String transport = via == null ? "udp" : via.getTransport().toLowerCase(java.util.Locale.ROOT);
        RequestEventExt ext = (RequestEventExt) event;
        IncomingRequest in = new IncomingRequest(request, transaction, transport, ext.getRemoteIpAddress(),
                ext.getRemotePort());
        context.runOnContext(v -> dispatcher.dispatch(in));
    }

    @Override
    public void processResponse(ResponseEvent event) {
        javax.sip.message.Response response = event.getResponse();
        context.runOnContext(v -> client.onResponse(response));
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        LOG.debug("transaction timeout: {}", event.getTimeout());
        if (!event.isServerTransaction() && event.getClientTransaction() != null) {
            Request request = event.getClientTransaction().getRequest();
            context.runOnContext(v -> client.onTimeout(request));
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("I/O error towards {}:{} over {}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // Nothing is kept per transaction yet.
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // Dialogs are not created yet.
    }

    private static String remote(RequestEvent event) {
        RequestEventExt ext = (RequestEventExt) event;
        return ext.getRemoteIpAddress() + ":" + ext.getRemotePort();
    }
}
