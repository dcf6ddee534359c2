package ua.vikno.sms.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ua.vikno.config.Sms;
import ua.vikno.sms.SmsDecoder;

/**
 * A development SMSC on jSMPP's server side: accepts transceiver and transmitter binds with the configured
 * system id and password, answers submit_sm with message ids, logs every message decoded to text (parts
 * joined), and sends a delivery receipt (deliver_sm, esm_class 0x04) for each part that asked for one.
 * Tests steer it: read what arrived, stop and start it, make it throttle or reject.
 */
public final class SmscSimulator {
    private static final Logger log = LoggerFactory.getLogger(SmscSimulator.class);
    private static final String SYSTEM_ID = "vikno-sim";

    private final Vertx vertx;
    private final String bindAddress;
    private final int port;
    private final String systemId;
    private final String password;
    private final Clock clock;

    private final List<ReceivedSms> received = new CopyOnWriteArrayList<>();
    private final Set<SMPPServerSession> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> rejectedDestinations = new ConcurrentHashMap<>();
    private final Set<String> undeliverable = ConcurrentHashMap.newKeySet();
    private final Reassembly reassembly = new Reassembly();
    private final PendingReceipts receipts;
    private final AtomicInteger throttleNext = new AtomicInteger();
    private final AtomicLong submits = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong enquireLinks = new AtomicLong();
    private volatile boolean receiptsFirst;
    private volatile Duration responseDelay = Duration.ZERO;
    private final AtomicLong nextId = new AtomicLong(1);
    private final String idPrefix = Long.toHexString(System.nanoTime() & 0xFFFFFF);

    private volatile SMPPServerSessionListener listener;
    private volatile ExecutorService sessionThreads;

    public SmscSimulator(Vertx vertx, String bindAddress, int port, String systemId, String password, Clock clock,
                         Duration receiptDelay) {
        this.vertx = vertx;
        this.bindAddress = bindAddress;
        this.port = port;
        this.systemId = systemId;
        this.password = password;
        this.clock = clock;
        this.receipts = new PendingReceipts(clock, receiptDelay, undeliverable::contains);
    }

    /** The simulator the configuration describes, accepting the gateway's own account. */
    public static SmscSimulator fromConfig(Vertx vertx, Sms sms, Clock clock) {
        return new SmscSimulator(vertx, sms.simulator().bind(), sms.simulator().port(), sms.smpp().systemId(),
                sms.smpp().password().value(), clock, Duration.ofMillis(200));
    }

    /** Listens on the configured address and port; the future fails if the port cannot be bound. */
    public synchronized Future<Void> start() {
        if (listener != null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            synchronized (this) {
                if (listener == null) {
                    listen();
                }
                return null;
            }
        });
    }

    /** Closes the port and every session, as an SMSC going down would; idempotent. */
    public Future<Void> stop() {
        return vertx.executeBlocking(() -> {
            closeAll();
            return null;
        });
    }

    public boolean isRunning() {
        return listener != null;
    }

    public int port() {
        return port;
    }

    /** Every whole message received so far, in arrival order of their last part. */
    public List<ReceivedSms> received() {
        return List.copyOf(received);
    }

    /** submit_sm PDUs seen, including throttled and rejected ones. */
    public long submitCount() {
        return submits.get();
    }

    /** submit_sm PDUs answered with OK. */
    public long acceptedCount() {
        return accepted.get();
    }

    /** enquire_link PDUs received from clients. */
    public long enquireLinkCount() {
        return enquireLinks.get();
    }

    public int boundSessions() {
        return (int) sessions.stream().filter(s -> s.getSessionState().isBound()).count();
    }

    /** The next {@code n} submits are answered with ESME_RTHROTTLED (0x58). */
    public void throttleNext(int n) {
        throttleNext.set(n);
    }

    /** Every submit to this destination is answered with the given command_status. */
    public void rejectDestination(String destination, int commandStatus) {
        rejectedDestinations.put(destination, commandStatus);
    }

    /**
     * Sends each delivery receipt before the submit_sm_resp it belongs to, as a busy SMSC can appear to when
     * the response and the receipt cross on the wire.
     */
    public void sendReceiptsBeforeResponses(boolean first) {
        receiptsFirst = first;
    }

    /** Holds every submit_sm this long before answering, as a slow SMSC would. */
    public void delayResponses(Duration delay) {
        responseDelay = delay;
    }

    /** Submits to this destination are accepted but their receipts say UNDELIV. */
    public void failDeliveryTo(String destination) {
        undeliverable.add(destination);
    }

    public void clear() {
        received.clear();
        receipts.clear();
        reassembly.clear();
        rejectedDestinations.clear();
        undeliverable.clear();
        throttleNext.set(0);
        receiptsFirst = false;
        responseDelay = Duration.ZERO;
        submits.set(0);
        accepted.set(0);
    }

    private void listen() throws IOException {
        SMPPServerSessionListener l = new SMPPServerSessionListener(port, 0, 50,
                new LoopbackServerConnectionFactory(InetAddress.getByName(bindAddress)));
        l.setPduProcessorDegree(8);
        l.setQueueCapacity(1000);
        l.setMessageReceiverListener(new Receiver(this::onSubmit, enquireLinks::incrementAndGet));
        l.setResponseDeliveryListener(new Responses(this::afterSubmitResp));
        l.setSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED && source instanceof SMPPServerSession s) {
                sessions.remove(s);
            }
        });
        ExecutorService threads = Executors.newCachedThreadPool(r -> daemon(r, "smsc-sim-session-" + port));
        sessionThreads = threads;
        receipts.open("smsc-sim-receipts-" + port);
        listener = l;
        Thread acceptor = daemon(() -> acceptLoop(l, threads), "smsc-sim-accept-" + port);
        acceptor.start();
        log.info("SMSC simulator listening on {}:{} for system-id '{}'", bindAddress, port, systemId);
    }

    private void acceptLoop(SMPPServerSessionListener l, ExecutorService threads) {
        while (listener == l) {
            try {
                SMPPServerSession session = l.accept();
                threads.execute(() -> bind(session));
            } catch (IOException e) {
                if (listener == l) {
                    log.warn("SMSC simulator accept failed on port {}: {}", port, e.getMessage());
                }
                return;
            } catch (RuntimeException e) {
                // a rejected execution after stop: the session is closed by closeAll
                return;
            }
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5000);
            if (!systemId.equals(request.getSystemId())) {
                log.warn("SMSC simulator rejects bind of unknown system-id '{}'", request.getSystemId());
                request.reject(SMPPConstant.STAT_ESME_RINVSYSID);
                closeSoon(session);
            } else if (!password.equals(request.getPassword())) {
                log.warn("SMSC simulator rejects bind of '{}': wrong password", request.getSystemId());
                request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
                closeSoon(session);
            } else if (request.getBindType() == BindType.BIND_RX) {
                request.reject(SMPPConstant.STAT_ESME_RINVBNDSTS);
                closeSoon(session);
            } else {
                sessions.add(session);
                request.accept(SYSTEM_ID);
                log.info("SMSC simulator bound {} of '{}'", request.getBindType(), request.getSystemId());
                receipts.rebound(session);
            }
        } catch (Exception e) {
            log.warn("SMSC simulator: no bind on new session: {}", e.toString());
            session.close();
        }
    }

    /** Closing right after a bind_resp can reset the connection before the client reads it; give it a moment. */
    private void closeSoon(SMPPServerSession session) {
        receipts.later(session::close, 500);
    }

    private SubmitSmResult onSubmit(SubmitSm submit, SMPPServerSession session) throws ProcessRequestException {
        submits.incrementAndGet();
        pause(responseDelay);
        if (throttleNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
        }
        String destination = address(submit.getDestAddrTon(), submit.getDestAddress());
        Integer reject = rejectedDestinations.get(destination);
        if (reject != null) {
            throw new ProcessRequestException("rejected " + destination, reject);
        }
        String id = idPrefix + Long.toHexString(nextId.getAndIncrement());
        SmsDecoder.Part part = SmsDecoder.decode(submit.getDataCoding(), submit.isUdhi(), submit.getShortMessage());
        String source = address(submit.getSourceAddrTon(), submit.getSourceAddr());
        reassembly.add(source, destination, submit.getDataCoding() & 0xFF, part, id, clock.instant()).ifPresent(sms -> {
            received.add(sms);
            log.info("SMSC simulator received SMS {} -> {} ({} part(s), data_coding {}): {}", sms.source(),
                    sms.destination(), sms.parts(), sms.dataCoding(), sms.text());
        });
        accepted.incrementAndGet();
        if ((submit.getRegisteredDelivery() & 0x03) != 0) {
            PendingReceipts.Job job = new PendingReceipts.Job(id, source, destination, part.text());
            if (receiptsFirst) {
                receipts.send(session, job);
            } else {
                receipts.owe(job);
            }
        }
        try {
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (Exception e) {
            throw new ProcessRequestException("bad message id " + id, SMPPConstant.STAT_ESME_RSYSERR);
        }
    }

    private void afterSubmitResp(SubmitSmResult result, SMPPServerSession session) {
        receipts.responseSent(result.getMessageId(), session);
    }

    private synchronized void closeAll() {
        SMPPServerSessionListener l = listener;
        listener = null;
        if (l == null) {
            return;
        }
        try {
            l.close();
        } catch (IOException e) {
            log.debug("closing the simulator's port: {}", e.getMessage());
        }
        for (SMPPServerSession s : new ArrayList<>(sessions)) {
            s.close();
        }
        sessions.clear();
        receipts.close();
        ExecutorService t = sessionThreads;
        sessionThreads = null;
        if (t != null) {
            t.shutdownNow();
        }
        log.info("SMSC simulator on {}:{} stopped", bindAddress, port);
    }

    private static void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String address(byte ton, String address) {
        return ton == TypeOfNumber.INTERNATIONAL.value() && !address.startsWith("+") ? "+" + address : address;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
