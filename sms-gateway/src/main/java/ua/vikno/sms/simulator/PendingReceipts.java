package ua.vikno.sms.simulator;

import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.SMPPServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ua.vikno.sms.internal.DeliveryReceiptText;

/**
 * The simulator's delivery receipts (SMPP 3.4 §4.6.1, text of Appendix B): one per accepted part that asked for
 * one, sent after its submit_sm_resp is out. Like a real SMSC it keeps undelivered receipts across a restart and
 * sends them after the next bind.
 */
final class PendingReceipts {
    private static final Logger log = LoggerFactory.getLogger(PendingReceipts.class);

    /** What a receipt needs to say. */
    record Job(String messageId, String source, String destination, String text) {
    }

    private final Clock clock;
    private final Duration delay;
    private final Predicate<String> undeliverable;
    private final Map<String, Job> owed = new ConcurrentHashMap<>();
    /** Ids in {@link #owed} whose submit_sm_resp is out, so their receipt may go. */
    private final Set<String> due = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService threads;

    PendingReceipts(Clock clock, Duration delay, Predicate<String> undeliverable) {
        this.clock = clock;
        this.delay = delay;
        this.undeliverable = undeliverable;
    }

    void open(String name) {
        threads = Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops sending; what is still owed stays for the next bind. */
    void close() {
        ScheduledExecutorService t = threads;
        threads = null;
        if (t != null) {
            t.shutdownNow();
        }
    }

    void clear() {
        owed.clear();
        due.clear();
    }

    void owe(Job job) {
        owed.put(job.messageId(), job);
    }

    /** The submit_sm_resp of this id is on the wire: its receipt may follow. */
    void responseSent(String messageId, SMPPServerSession session) {
        if (owed.containsKey(messageId)) {
            due.add(messageId);
            schedule(session, messageId);
        }
    }

    /** A client bound: send what earlier sessions did not get. */
    void rebound(SMPPServerSession session) {
        for (String id : due) {
            schedule(session, id);
        }
    }

    /** Runs a task on the receipt threads after the given delay, if they are running. */
    void later(Runnable task, long millis) {
        ScheduledExecutorService t = threads;
        if (t == null) {
            task.run();
            return;
        }
        try {
            t.schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            task.run();
        }
    }

    private void schedule(SMPPServerSession session, String messageId) {
        ScheduledExecutorService t = threads;
        if (t == null) {
            return;
        }
        try {
            t.schedule(() -> {
                Job job = owed.get(messageId);
                if (job == null || !session.getSessionState().isBound()) {
                    return;
                }
                if (send(session, job)) {
                    owed.remove(messageId);
                    due.remove(messageId);
                } else {
                    // the client refused it (e.g. could not store it): try again, as SMSCs do
                    schedule(session, messageId);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            log.debug("SMSC simulator stopped before the receipt of {}; it goes after the next bind", messageId);
        }
    }

    /** Sends the receipt now, on the calling thread (blocks until deliver_sm_resp). */
    boolean send(SMPPServerSession session, Job job) {
        String state = undeliverable.test(job.destination()) ? "UNDELIV" : "DELIVRD";
        String now = new SimpleDateFormat("yyMMddHHmm").format(Date.from(clock.instant()));
        String text = DeliveryReceiptText.format(job.messageId(), state, state.equals("DELIVRD") ? "000" : "001",
                now, now, job.text());
        String destination = job.destination().startsWith("+") ? job.destination().substring(1) : job.destination();
        try {
            session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination,
                    TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, job.source(),
                    new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                    (byte) 0, (byte) 0, new RegisteredDelivery(0), new GeneralDataCoding(),
                    text.getBytes(StandardCharsets.ISO_8859_1), new OptionalParameter.Receipted_message_id(job.messageId()));
            return true;
        } catch (Exception e) {
            log.info("SMSC simulator could not deliver the receipt of {}: {}", job.messageId(), e.toString());
            return false;
        }
    }
}
