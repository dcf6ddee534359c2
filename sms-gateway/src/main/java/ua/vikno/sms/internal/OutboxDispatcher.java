package ua.vikno.sms.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ua.vikno.sms.SmsEncoder;
import ua.vikno.sms.SmsFailure;
import ua.vikno.sms.SmsGatewayOptions;
import ua.vikno.sms.SmsRecord;
import ua.vikno.sms.SmsSegment;
import ua.vikno.sms.SmsStatus;

/**
 * Moves messages from the outbox to the SMSC: reads the stream for this consumer, takes over entries that
 * crashed consumers left pending, keeps at most {@code window} submit_sm outstanding (and up to four windows of
 * messages in their Redis steps), spaces them to the TPS
 * limit, and settles each message in Redis (sent and acknowledged, retried later, or dead-lettered).
 * Runs on one Vert.x context; every field is touched only there.
 */
public final class OutboxDispatcher {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final Duration STORE_RETRY = Duration.ofMillis(500);

    /** Where status changes go. */
    @FunctionalInterface
    public interface Events {
        void onStatus(SmsRecord record, SmsStatus status);
    }

    private final Vertx vertx;
    private final Outbox outbox;
    private final SmppLink link;
    private final TpsLimiter tps;
    private final SmsGatewayOptions options;
    private final int window;
    private final int maxAttempts;
    private final Clock clock;
    private final Events events;
    private final Backoff retry;
    private final Backoff throttle;

    private final Deque<Outbox.Entry> ready = new ArrayDeque<>();
    /** Message ids this dispatcher holds: ready, in flight or waiting for a retry. */
    private final Set<String> held = new HashSet<>();
    /** The stream entries of those messages. */
    private final Set<String> heldEntries = new HashSet<>();
    private final Set<Long> timers = new HashSet<>();
    /** Messages being worked on: more than the window, so Redis round trips overlap with submits. */
    private int inFlight;
    private final int maxActive;
    private final SubmitWindow submits;
    private int waiting;
    private boolean reading;
    private boolean running;
    private int throttleStreak;
    private long claimTimer = -1;
    private volatile String storeError;
    private Promise<Void> drained;

    public OutboxDispatcher(Vertx vertx, Outbox outbox, SmppLink link, TpsLimiter tps, SmsGatewayOptions options,
                            int window, int maxAttempts, Clock clock, Events events) {
        this.vertx = vertx;
        this.outbox = outbox;
        this.link = link;
        this.tps = tps;
        this.options = options;
        this.window = window;
        this.submits = new SubmitWindow(window);
        // with a TPS limit the submits are the bottleneck anyway; without one, let Redis round trips overlap them
        this.maxActive = tps.unlimited() ? window * 4 : window;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.events = events;
        this.retry = new Backoff(options.retryInitial(), options.retryMax());
        this.throttle = new Backoff(options.throttleInitial(), options.retryMax());
    }

    /** Empty when Redis answers; else what went wrong last. */
    public String storeError() {
        return storeError;
    }

    /** Starts on the caller's context: own pending entries first, then stale ones of others, then new ones. */
    public void start() {
        running = true;
        outbox.readOwnPending(options.consumer(), 1000).onComplete(ar -> {
            if (ar.succeeded()) {
                take(ar.result());
            }
            sweep();
        });
        claimTimer = vertx.setPeriodic(options.claimInterval().toMillis(), t -> sweep());
    }

    /** Stops taking work; completes once no submit is outstanding. Held entries stay pending in Redis. */
    public Future<Void> stop() {
        running = false;
        if (claimTimer >= 0) {
            vertx.cancelTimer(claimTimer);
            claimTimer = -1;
        }
        submits.failWaiting(new SmsFailure.Stopped());
        timers.forEach(vertx::cancelTimer);
        timers.clear();
        ready.clear();
        held.clear();
        heldEntries.clear();
        if (inFlight == 0) {
            return Future.succeededFuture();
        }
        drained = Promise.promise();
        return drained.future();
    }

    /** The link is bound again, or a message was enqueued: look for work. */
    public void wake() {
        pump();
    }

    private void sweep() {
        if (!running) {
            return;
        }
        outbox.claimStale(options.consumer(), options.claimIdle().toMillis(), 100, heldEntries::contains).onComplete(ar -> {
            if (ar.succeeded()) {
                storeOk();
                if (!ar.result().isEmpty()) {
                    log.info("took over {} SMS left pending by a stopped or crashed consumer", ar.result().size());
                }
                take(ar.result());
            } else {
                storeFailed(ar.cause());
            }
        });
    }

    private void take(List<Outbox.Entry> entries) {
        for (Outbox.Entry e : entries) {
            if (held.add(e.messageId())) {
                heldEntries.add(e.entryId());
                ready.add(e);
            }
        }
        pump();
    }

    private void pump() {
        if (!running || submits.paused() || link.state() != SmppLink.State.BOUND) {
            return;
        }
        while (inFlight < maxActive && !ready.isEmpty()) {
            Outbox.Entry e = ready.poll();
            inFlight++;
            process(e).onComplete(ar -> {
                inFlight--;
                if (drained != null && inFlight == 0) {
                    drained.tryComplete();
                }
                pump();
            });
        }
        // read ahead up to two windows; waiting entries are held too, so bound them as well, lest a failing
        // SMSC pull the whole stream into memory
        if (!reading && ready.size() + inFlight < 2 * maxActive && waiting < window * 20) {
            read();
        }
    }

    private void read() {
        reading = true;
        outbox.read(options.consumer(), 2 * maxActive - inFlight - ready.size(), options.readBlock().toMillis()).onComplete(ar -> {
            reading = false;
            if (ar.succeeded()) {
                storeOk();
                take(ar.result());
            } else if (running) {
                storeFailed(ar.cause());
                later(STORE_RETRY, this::pump);
            }
        });
    }

    private Future<Void> process(Outbox.Entry entry) {
        Instant now = clock.instant();
        Instant lease = now.plus(options.submitTimeout().multipliedBy(4));
        return outbox.begin(entry.messageId(), options.consumer(), now, lease).compose(begin -> {
            storeOk();
            if (begin instanceof Outbox.Begin.Go go) {
                return send(entry, go);
            }
            if (begin instanceof Outbox.Begin.Wait w) {
                retryLater(entry, Duration.ofMillis(Math.max(1, w.untilMillis() - now.toEpochMilli())));
                return Future.succeededFuture();
            }
            if (begin instanceof Outbox.Begin.Busy b) {
                // another gateway is sending it; look again when its lease ends, in case it died meanwhile
                retryLater(entry, Duration.ofMillis(Math.max(1, b.untilMillis() - now.toEpochMilli())));
                return Future.succeededFuture();
            }
            // Done: a previous run got the submit_sm_resp but not the ack; Missing: nothing to send
            release(entry);
            return outbox.ack(entry.entryId());
        }).recover(e -> {
            storeFailed(e);
            retryLater(entry, STORE_RETRY);
            return Future.succeededFuture();
        });
    }

    private Future<Void> send(Outbox.Entry entry, Outbox.Begin.Go go) {
        SmsRecord rec = go.record();
        String id = rec.message().id();
        Map<Integer, String> sent = new TreeMap<>(go.sentParts());
        Future<Void> chain;
        List<SmsSegment> segments;
        try {
            segments = SmsEncoder.encode(rec.message().text(), concatReference(id));
            chain = Future.succeededFuture();
        } catch (IllegalArgumentException e) {
            segments = List.of();
            chain = Future.failedFuture(new SmsFailure.InvalidMessage(e.getMessage()));
        }
        for (SmsSegment segment : segments) {
            if (!sent.containsKey(segment.part())) {
                chain = chain.compose(v -> submit(id, rec.message().destination(), segment)
                        .map(smscId -> {
                            sent.put(segment.part(), smscId);
                            return null;
                        }));
            }
        }
        return chain
                .compose(v -> untilStored(() -> outbox.complete(id, entry.entryId(), new ArrayList<>(sent.values()),
                        clock.instant(), options.smscIdTtl().toSeconds())))
                .<Void>map(after -> {
                    throttleStreak = 0;
                    release(entry);
                    log.debug("SMS {} ({}) accepted by SMSC as {}", id, rec.message().reference(), after.smscMessageIds());
                    events.onStatus(after, SmsStatus.SENT);
                    if (after.status() != SmsStatus.SENT) {
                        events.onStatus(after, after.status());
                    }
                    return null;
                })
                .recover(e -> failed(entry, rec, e));
    }

    private Future<String> submit(String id, String destination, SmsSegment segment) {
        Future<String> accepted = submits.acquire().compose(v -> {
            long waitNanos = tps.reserve();
            Future<Void> paced = waitNanos <= 0 ? Future.succeededFuture()
                    : Future.future(p -> vertx.setTimer(Math.max(1, waitNanos / 1_000_000), t -> p.complete()));
            return paced.compose(x -> link.submit(destination, segment)).andThen(x -> submits.release());
        });
        if (segment.part() == segment.parts()) {
            return accepted; // the last part is recorded with the whole message by complete
        }
        // earlier parts are recorded one by one, so a retry resends only the parts the SMSC has not accepted
        return accepted.compose(smscId -> untilStored(() -> outbox.partSent(id, segment.part(), smscId, clock.instant(),
                options.smscIdTtl().toSeconds())).map(smscId));
    }

    /**
     * Writes what the SMSC has just accepted, retrying while Redis is away: giving up here would make a retry
     * submit the same part again. Only a stop ends the wait (the message is then sent again by whoever resumes it).
     */
    private <T> Future<T> untilStored(java.util.function.Supplier<Future<T>> write) {
        return write.get().recover(e -> {
            if (!running || !(e instanceof SmsFailure.StoreUnavailable)) {
                return Future.failedFuture(e);
            }
            storeFailed(e);
            return Future.<Void>future(p -> vertx.setTimer(STORE_RETRY.toMillis(), t -> p.complete()))
                    .compose(v -> untilStored(write));
        });
    }

    private Future<Void> failed(Outbox.Entry entry, SmsRecord rec, Throwable e) {
        String id = rec.message().id();
        Instant now = clock.instant();
        if (e instanceof SmsFailure.SmscUnavailable || e instanceof SmsFailure.Throttled
                || e instanceof SmsFailure.Stopped) {
            if (e instanceof SmsFailure.Throttled && !submits.paused()) {
                throttleStreak++;
                Duration pause = throttle.delay(throttleStreak);
                log.info("SMSC throttles; pausing submits for {} ms", pause.toMillis());
                // messages waiting for a slot give their lease back rather than hold it through the pause
                submits.pause();
                later(pause, () -> {
                    submits.resume();
                    pump();
                });
            }
            // not the message's fault: it goes back to the head of the line without counting an attempt
            ready.addFirst(entry);
            return outbox.requeue(id, options.consumer(), now).recover(x -> Future.succeededFuture());
        }
        if (e instanceof SmsFailure.StoreUnavailable) {
            storeFailed(e);
            retryLater(entry, STORE_RETRY);
            return Future.succeededFuture();
        }
        Duration delay = retry.delay(rec.attempts() + 1);
        return outbox.attemptFailed(id, entry.entryId(), e.getMessage(), now, now.plus(delay), maxAttempts)
                .<Void>map(outcome -> {
                    if (outcome.dead()) {
                        release(entry);
                        log.warn("SMS {} ({}) dead-lettered after {} attempts: {}", id, rec.message().reference(),
                                outcome.attempts(), e.getMessage());
                        events.onStatus(new SmsRecord(rec.message(), SmsStatus.FAILED, outcome.attempts(),
                                rec.smscMessageIds(), e.getMessage(), now), SmsStatus.FAILED);
                    } else {
                        log.info("SMS {} attempt {} failed ({}); retrying in {} ms", id, outcome.attempts(),
                                e.getMessage(), delay.toMillis());
                        retryLater(entry, delay);
                    }
                    return null;
                })
                .recover(x -> {
                    storeFailed(x);
                    retryLater(entry, STORE_RETRY);
                    return Future.succeededFuture();
                });
    }

    private void release(Outbox.Entry entry) {
        held.remove(entry.messageId());
        heldEntries.remove(entry.entryId());
    }

    private void retryLater(Outbox.Entry entry, Duration delay) {
        if (!running) {
            return;
        }
        waiting++;
        later(delay, () -> {
            waiting--;
            ready.add(entry);
            pump();
        });
    }

    private void later(Duration delay, Runnable action) {
        long[] id = new long[1];
        id[0] = vertx.setTimer(Math.max(1, delay.toMillis()), t -> {
            timers.remove(id[0]);
            if (running) {
                action.run();
            }
        });
        timers.add(id[0]);
    }

    private void storeOk() {
        storeError = null;
    }

    private void storeFailed(Throwable e) {
        if (storeError == null) {
            log.warn("SMS outbox: {}", e.getMessage());
        }
        storeError = e.getMessage();
    }

    /** The 8-bit concatenation reference: derived from the id, so a retried message keeps its parts' reference. */
    static int concatReference(String id) {
        return (id.hashCode() ^ (id.hashCode() >>> 8) ^ (id.hashCode() >>> 16)) & 0xFF;
    }
}
