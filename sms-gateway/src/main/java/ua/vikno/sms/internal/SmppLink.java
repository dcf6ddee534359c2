package ua.vikno.sms.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ua.vikno.config.Sms;
import ua.vikno.sms.SmsFailure;
import ua.vikno.sms.SmsSegment;

/**
 * The SMPP 3.4 transceiver session to the SMSC (jSMPP client side): binds, keeps the link alive with
 * enquire_link (§4.11), reconnects with exponential back-off, submits segments and hands delivery receipts
 * (deliver_sm with esm_class 0x04, §4.6.1) to a sink. jSMPP blocks, so binds run on a one-thread worker pool
 * and submits on a pool as wide as the window; results come back on the gateway's context.
 */
public final class SmppLink {
    private static final Logger log = LoggerFactory.getLogger(SmppLink.class);

    /** Where the link is. */
    public enum State {
        /** Not started or stopped. */
        CLOSED,
        /** A connect and bind is under way. */
        CONNECTING,
        /** Bound as transceiver; submits go through. */
        BOUND,
        /** Lost or refused; a reconnect is scheduled. */
        DOWN
    }

    /** Receives delivery receipts; the future completes once the receipt is stored, before deliver_sm_resp goes back. */
    @FunctionalInterface
    public interface ReceiptSink {
        Future<?> onReceipt(DeliveryReceiptText receipt);
    }

    private final Vertx vertx;
    private final Context context;
    private final Sms.Smpp smpp;
    private final String sourceAddress;
    private final Backoff reconnect;
    private final Duration submitTimeout;
    private final Duration bindTimeout;
    private final ReceiptSink receipts;
    private final Consumer<State> onState;
    private final WorkerExecutor bindWorker;
    private final WorkerExecutor submitWorkers;

    private volatile SMPPSession session;
    private volatile State state = State.CLOSED;
    private volatile String reason = "not started";
    private int failures;
    private boolean stopped = true;
    private long reconnectTimer = -1;

    public SmppLink(Vertx vertx, Context context, Sms sms, Backoff reconnect, Duration submitTimeout,
                    Duration bindTimeout, ReceiptSink receipts, Consumer<State> onState) {
        this.vertx = vertx;
        this.context = context;
        this.smpp = sms.smpp();
        this.sourceAddress = sms.sourceAddress();
        this.reconnect = reconnect;
        this.submitTimeout = submitTimeout;
        this.bindTimeout = bindTimeout;
        this.receipts = receipts;
        this.onState = onState;
        String name = "vikno-smpp-" + smpp.host() + ":" + smpp.port() + "-" + Integer.toHexString(System.identityHashCode(this));
        this.bindWorker = vertx.createSharedWorkerExecutor(name + "-bind", 1);
        this.submitWorkers = vertx.createSharedWorkerExecutor(name + "-submit", smpp.window());
    }

    public State state() {
        return state;
    }

    /** Why the link is not bound, e.g. "SMSC 127.0.0.1:2775 unreachable: Connection refused". */
    public String reason() {
        return reason;
    }

    /** Starts connecting; the link keeps trying in the background, so an SMSC that is down does not fail start-up. */
    public void start() {
        context.runOnContext(v -> {
            if (stopped) {
                stopped = false;
                connect();
            }
        });
    }

    /** Unbinds and closes; idempotent. */
    public Future<Void> stop() {
        return Future.<Void>future(p -> context.runOnContext(v -> {
            stopped = true;
            state = State.CLOSED;
            reason = "stopped";
            if (reconnectTimer >= 0) {
                vertx.cancelTimer(reconnectTimer);
                reconnectTimer = -1;
            }
            SMPPSession s = session;
            session = null;
            if (s == null) {
                p.complete();
                return;
            }
            bindWorker.<Void>executeBlocking(() -> {
                s.unbindAndClose();
                return null;
            }).onComplete(r -> p.complete());
        })).eventually(() -> Future.all(bindWorker.close(), submitWorkers.close()));
    }

    /**
     * Submits one segment; succeeds with the SMSC message id. Fails with {@link SmsFailure.Throttled},
     * {@link SmsFailure.Rejected}, {@link SmsFailure.ResponseTimeout} or {@link SmsFailure.SmscUnavailable}.
     */
    public Future<String> submit(String destination, SmsSegment segment) {
        SMPPSession s = session;
        if (s == null || state != State.BOUND) {
            return Future.failedFuture(new SmsFailure.SmscUnavailable(reason));
        }
        boolean international = destination.startsWith("+");
        String address = international ? destination.substring(1) : destination;
        return submitWorkers.<String>executeBlocking(() -> s.submitShortMessage(smpp.systemType(),
                sourceTon(), sourceNpi(), sourceAddress,
                international ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, address,
                new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT,
                        segment.udh() ? GSMSpecificFeature.UDHI : GSMSpecificFeature.DEFAULT),
                (byte) 0, (byte) 0, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE),
                (byte) 0, new RawDataCoding((byte) segment.alphabet().dataCoding()), (byte) 0, segment.shortMessage())
                .getMessageId(), false)
                .recover(e -> Future.failedFuture(classify(e)));
    }

    private Throwable classify(Throwable e) {
        if (e instanceof NegativeResponseException n) {
            return n.getCommandStatus() == SMPPConstant.STAT_ESME_RTHROTTLED
                    ? new SmsFailure.Throttled() : new SmsFailure.Rejected(n.getCommandStatus());
        }
        if (e instanceof ResponseTimeoutException) {
            return new SmsFailure.ResponseTimeout(submitTimeout.toMillis());
        }
        if (e instanceof PDUException) {
            return new SmsFailure.InvalidMessage("submit_sm not encodable: " + e.getMessage());
        }
        return new SmsFailure.SmscUnavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private void connect() {
        reconnectTimer = -1;
        if (stopped) {
            return;
        }
        setState(State.CONNECTING);
        bindWorker.<SMPPSession>executeBlocking(this::bind).onComplete(ar -> {
            if (stopped) {
                if (ar.succeeded()) {
                    SMPPSession late = ar.result();
                    vertx.executeBlocking(() -> {
                        late.unbindAndClose();
                        return null;
                    });
                }
                return;
            }
            if (ar.succeeded()) {
                failures = 0;
                session = ar.result();
                reason = "";
                log.info("SMPP transceiver bound to {}:{} as '{}'", smpp.host(), smpp.port(), smpp.systemId());
                setState(State.BOUND);
            } else {
                failures++;
                lost(bindFailure(ar.cause()));
            }
        });
    }

    private SMPPSession bind() throws IOException {
        SMPPSession s = new SMPPSession(new NoDelaySocketConnectionFactory((int) bindTimeout.toMillis()));
        s.setEnquireLinkTimer((int) smpp.enquireLink().toMillis());
        s.setTransactionTimer(submitTimeout.toMillis());
        // deliver_sm handling waits for Redis; enough threads keep submit_sm_resp flowing meanwhile
        s.setPduProcessorDegree(smpp.window() + 2);
        s.setMessageReceiverListener(new Receipts());
        s.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED) {
                context.runOnContext(v -> {
                    if (session == s) {
                        session = null;
                        lost("connection to SMSC " + smpp.host() + ":" + smpp.port() + " lost");
                    }
                });
            }
        });
        try {
            s.connectAndBind(smpp.host(), smpp.port(), new BindParameter(BindType.BIND_TRX, smpp.systemId(),
                    smpp.password().value(), smpp.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN,
                    null), bindTimeout.toMillis());
            return s;
        } catch (IOException | RuntimeException e) {
            // jSMPP leaves the socket and its reader thread open when the bind PDU cannot be encoded
            s.close();
            throw e;
        }
    }

    private void lost(String why) {
        if (stopped) {
            return;
        }
        reason = why;
        Duration delay = reconnect.delay(Math.max(1, failures));
        log.warn("{}; reconnecting in {} ms", why, delay.toMillis());
        setState(State.DOWN);
        if (reconnectTimer < 0) {
            reconnectTimer = vertx.setTimer(Math.max(1, delay.toMillis()), t -> connect());
        }
    }

    private void setState(State next) {
        state = next;
        onState.accept(next);
    }

    private TypeOfNumber sourceTon() {
        return sourceAddress.matches("\\+?[0-9]+") ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.ALPHANUMERIC;
    }

    private NumberingPlanIndicator sourceNpi() {
        return sourceTon() == TypeOfNumber.ALPHANUMERIC ? NumberingPlanIndicator.UNKNOWN : NumberingPlanIndicator.ISDN;
    }

    private String bindFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof NegativeResponseException n) {
                return String.format("SMSC %s:%d refused the bind of '%s' with command_status 0x%08X", smpp.host(),
                        smpp.port(), smpp.systemId(), n.getCommandStatus());
            }
        }
        return "SMSC " + smpp.host() + ":" + smpp.port() + " unreachable: " + message(e);
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** deliver_sm from the SMSC: receipts are stored before they are acknowledged; other messages are logged. */
    private final class Receipts implements MessageReceiverListener {
        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            if (!deliverSm.isSmscDeliveryReceipt()) {
                log.info("SMSC delivered a message from {}; incoming SMS are not handled", deliverSm.getSourceAddr());
                return;
            }
            String text = new String(deliverSm.getShortMessage(), StandardCharsets.ISO_8859_1);
            DeliveryReceiptText parsed = DeliveryReceiptText.parse(text).orElseThrow(() -> new ProcessRequestException(
                    "unreadable delivery receipt '" + text + "'", SMPPConstant.STAT_ESME_RX_P_APPN));
            OptionalParameter.Receipted_message_id tlv = deliverSm.getOptionalParameter(OptionalParameter.Receipted_message_id.class);
            DeliveryReceiptText receipt = tlv != null && !tlv.getValueAsString().isEmpty()
                    ? new DeliveryReceiptText(tlv.getValueAsString(), parsed.state(), parsed.error()) : parsed;
            try {
                // this is jSMPP's own PDU thread, never an event loop: waiting here delays deliver_sm_resp until
                // the receipt is in Redis, so an SMSC whose receipt we could not store sends it again
                Future<?> stored = Future.<Future<?>>future(p -> context.runOnContext(v -> p.complete(receipts.onReceipt(receipt))))
                        .compose(f -> f);
                stored.toCompletionStage().toCompletableFuture().get(submitTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.warn("delivery receipt for {} not stored, SMSC will retry: {}", receipt.id(), e.toString());
                throw new ProcessRequestException("receipt not stored", SMPPConstant.STAT_ESME_RX_T_APPN);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
