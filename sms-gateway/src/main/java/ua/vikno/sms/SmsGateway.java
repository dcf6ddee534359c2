package ua.vikno.sms;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ua.vikno.config.RedisSettings;
import ua.vikno.config.Sms;
import ua.vikno.sms.internal.Backoff;
import ua.vikno.sms.internal.DeliveryReceiptText;
import ua.vikno.sms.internal.Outbox;
import ua.vikno.sms.internal.OutboxDispatcher;
import ua.vikno.sms.internal.SmppLink;
import ua.vikno.sms.internal.TpsLimiter;

/**
 * The SMS gateway: a durable outbox in Redis drained over one SMPP transceiver link. {@link #enqueue} completes
 * once the message is in Redis; the gateway then submits it (at least once, never twice in normal operation),
 * and reports queued, sent, delivered and failed to the {@link SmsStatusListener} on its own context.
 */
public final class SmsGateway {
    private static final Logger log = LoggerFactory.getLogger(SmsGateway.class);

    /** The gateway's life. */
    private enum Phase { NEW, STARTING, RUNNING, DISABLED, STOPPED }

    private final Vertx vertx;
    private final Context context;
    private final Sms sms;
    private final RedisClient redisClient;
    private final RedisURI redisUri;
    private final SmsGatewayOptions options;
    private final Clock clock;
    private final Ticker ticker;
    private final SmsStatusListener listener;

    private volatile Phase phase = Phase.NEW;
    private volatile StatefulRedisConnection<String, String> commands;
    private StatefulRedisConnection<String, String> reads;
    private Outbox outbox;
    private SmppLink link;
    private OutboxDispatcher dispatcher;
    private Future<Void> stopped;

    /**
     * @param redisClient shared Lettuce client; the gateway opens two connections of its own on it
     * @param ticker      time for the TPS limit (fake in tests)
     */
    public SmsGateway(Vertx vertx, Sms sms, RedisClient redisClient, RedisSettings redis, SmsGatewayOptions options,
                      Clock clock, Ticker ticker, SmsStatusListener listener) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.sms = sms;
        this.redisClient = redisClient;
        this.redisUri = RedisURI.create(redis.url());
        this.redisUri.setTimeout(redis.commandTimeout());
        this.options = options;
        this.clock = clock;
        this.ticker = ticker;
        this.listener = listener;
    }

    /**
     * Connects to Redis and creates the consumer group (a failure fails the start), then starts binding to the
     * SMSC in the background: an SMSC that is down makes the gateway DOWN, not the server fail to start.
     */
    public Future<Void> start() {
        return onContext(() -> {
            if (phase != Phase.NEW) {
                return Future.failedFuture(new IllegalStateException("SMS gateway already " + phase));
            }
            Optional<SmsFailure> misconfigured = checkSmppLimits(sms.smpp());
            if (misconfigured.isPresent()) {
                phase = Phase.STOPPED;
                return Future.failedFuture(misconfigured.get());
            }
            if (!sms.enabled()) {
                log.info("SMS is disabled in the configuration (sms.enabled: false); messages will be skipped");
                phase = Phase.DISABLED;
                return Future.succeededFuture();
            }
            phase = Phase.STARTING;
            return connectRedis()
                    .compose(c -> {
                        commands = c;
                        return connectRedis();
                    })
                    .compose(c -> {
                        reads = c;
                        outbox = new Outbox(commands.async(), reads.async(), context, options.keyPrefix(), options.group());
                        return outbox.createGroup();
                    })
                    .<Void>map(v -> {
                        link = new SmppLink(vertx, context, sms, new Backoff(options.reconnectInitial(),
                                max(options.reconnectInitial(), sms.smpp().reconnectMax())), options.submitTimeout(),
                                options.bindTimeout(), this::onReceipt, this::onLinkState);
                        dispatcher = new OutboxDispatcher(vertx, outbox, link, new TpsLimiter(sms.tps(), ticker), options,
                                sms.smpp().window(), sms.maxAttempts(), clock, this::emit);
                        phase = Phase.RUNNING;
                        dispatcher.start();
                        link.start();
                        log.info("SMS gateway '{}' started: SMSC {}:{}, window {}, tps {}", options.consumer(),
                                sms.smpp().host(), sms.smpp().port(), sms.smpp().window(), sms.tps() == 0 ? "unlimited" : sms.tps());
                        return null;
                    })
                    .onFailure(e -> {
                        log.error("SMS gateway did not start: {}", e.getMessage());
                        phase = Phase.STOPPED;
                        closeRedis();
                    });
        });
    }

    /** Stops submitting, unbinds and closes its Redis connections; messages not yet sent stay in the outbox. */
    public Future<Void> stop() {
        return onContext(() -> {
            if (stopped != null) {
                return stopped;
            }
            Phase was = phase;
            phase = Phase.STOPPED;
            if (was != Phase.RUNNING) {
                stopped = Future.succeededFuture();
                return stopped;
            }
            // drain the dispatcher first (its submits need the link), then unbind, then close Redis; each step
            // runs even if the one before failed
            stopped = dispatcher.stop().transform(x -> link.stop()).transform(x -> {
                closeRedis();
                log.info("SMS gateway '{}' stopped", options.consumer());
                return Future.<Void>succeededFuture();
            });
            return stopped;
        });
    }

    /**
     * Puts the message in the outbox. Completes once Redis has it (QUEUED), if the id is already known (DUPLICATE),
     * or at once if the number is not a mobile one (SKIPPED, with the reason); fails with {@link SmsFailure}.
     */
    public Future<EnqueueResult> enqueue(OutgoingSms message) {
        if (phase == Phase.DISABLED) {
            return Future.succeededFuture(new EnqueueResult(message.id(), EnqueueResult.Outcome.SKIPPED,
                    "SMS is disabled in the configuration"));
        }
        if (!sms.isMobile(message.destination())) {
            log.info("SMS {} ({}) skipped: {} is not a mobile number", message.id(), message.reference(), message.destination());
            return Future.succeededFuture(new EnqueueResult(message.id(), EnqueueResult.Outcome.SKIPPED,
                    "not a mobile number: " + message.destination()));
        }
        try {
            SmsEncoder.partCount(message.text());
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new SmsFailure.InvalidMessage(e.getMessage()));
        }
        return onContext(() -> {
            if (phase != Phase.RUNNING) {
                return Future.failedFuture(new SmsFailure.Stopped());
            }
            return outbox.enqueue(message, clock.instant()).map(isNew -> {
                if (!isNew) {
                    return new EnqueueResult(message.id(), EnqueueResult.Outcome.DUPLICATE, "already in the outbox");
                }
                emit(new SmsRecord(message, SmsStatus.QUEUED, 0, List.of(), "", clock.instant()), SmsStatus.QUEUED);
                return new EnqueueResult(message.id(), EnqueueResult.Outcome.QUEUED, "");
            });
        });
    }

    /** What Redis knows about the message. */
    public Future<Optional<SmsRecord>> status(String id) {
        if (phase == Phase.DISABLED) {
            return Future.succeededFuture(Optional.empty());
        }
        return onContext(() -> running().compose(v -> outbox.get(id)));
    }

    /** Messages given up after their last attempt, oldest first. */
    public Future<List<DeadLetter>> deadLetters() {
        if (phase == Phase.DISABLED) {
            return Future.succeededFuture(List.of());
        }
        return onContext(() -> running().compose(v -> outbox.deadLetters()));
    }

    /**
     * Sends a dead letter again, e.g. after an operator fixed the number's barring with the provider: it goes
     * back to the outbox with its attempts reset. False if no dead letter has that id.
     */
    public Future<Boolean> retryDeadLetter(String id) {
        if (phase == Phase.DISABLED) {
            return Future.succeededFuture(false);
        }
        return onContext(() -> running().compose(v -> outbox.revive(id, clock.instant())).map(revived -> {
            if (revived) {
                log.info("SMS {} taken out of the dead letters and queued again", id);
            }
            return revived;
        }));
    }

    /** UP when bound to the SMSC and Redis answers; otherwise DOWN with the reason. */
    public SmsHealth health() {
        if (phase == Phase.DISABLED) {
            return SmsHealth.down("SMS is disabled in the configuration");
        }
        if (phase != Phase.RUNNING) {
            return SmsHealth.down("SMS gateway " + phase.name().toLowerCase(java.util.Locale.ROOT));
        }
        StatefulRedisConnection<String, String> c = commands;
        if (c == null || !c.isOpen()) {
            return SmsHealth.down("Redis " + redisUri.getHost() + ":" + redisUri.getPort() + " unreachable");
        }
        String store = dispatcher.storeError();
        if (store != null) {
            return SmsHealth.down(store);
        }
        return link.state() == SmppLink.State.BOUND ? SmsHealth.up() : SmsHealth.down(link.reason());
    }

    /** SMPP 3.4 §4.1.1: system_id is a C-Octet String of at most 16, password of at most 9 octets with the NUL. */
    static Optional<SmsFailure> checkSmppLimits(Sms.Smpp smpp) {
        if (smpp.systemId().length() > 15) {
            return Optional.of(new SmsFailure.Misconfigured("sms.smpp.system-id",
                    "'" + smpp.systemId() + "' is longer than the 15 characters SMPP 3.4 allows"));
        }
        if (smpp.password().value().length() > 8) {
            return Optional.of(new SmsFailure.Misconfigured("sms.smpp.password",
                    "longer than the 8 characters SMPP 3.4 allows (" + smpp.password().value().length() + ")"));
        }
        if (smpp.systemType().length() > 12) {
            return Optional.of(new SmsFailure.Misconfigured("sms.smpp.system-type",
                    "'" + smpp.systemType() + "' is longer than the 12 characters SMPP 3.4 allows"));
        }
        return Optional.empty();
    }

    private Future<Void> running() {
        return phase == Phase.RUNNING ? Future.succeededFuture() : Future.failedFuture(new SmsFailure.Stopped());
    }

    private Future<?> onReceipt(DeliveryReceiptText receipt) {
        return outbox.receipt(receipt.id(), receipt.state(), clock.instant()).map(found -> {
            found.ifPresentOrElse(r -> {
                if (r.after() != r.before()) {
                    log.debug("SMS {} ({}) {} by receipt {}", r.record().message().id(), r.record().message().reference(),
                            r.after(), receipt.state());
                    emit(r.record(), r.after());
                }
            }, () -> log.debug("receipt for unknown SMSC id {} kept for its message", receipt.id()));
            return null;
        });
    }

    private void onLinkState(SmppLink.State state) {
        if (state == SmppLink.State.BOUND && dispatcher != null) {
            dispatcher.wake();
        }
    }

    private void emit(SmsRecord record, SmsStatus status) {
        String detail = status == SmsStatus.FAILED ? record.lastError() : "";
        SmsStatusEvent event = new SmsStatusEvent(record.message().id(), record.message().reference(), status,
                record.smscMessageIds(), detail, clock.instant());
        context.runOnContext(v -> {
            try {
                listener.onStatus(event);
            } catch (RuntimeException e) {
                log.warn("SMS status listener failed on {}: {}", event, e.toString());
            }
        });
    }

    /**
     * Lettuce connects asynchronously, but its first use starts its event loops and loads many classes: that
     * happens on a worker, not on our event loop.
     */
    private Future<StatefulRedisConnection<String, String>> connectRedis() {
        return vertx.executeBlocking(() -> redisClient.connectAsync(StringCodec.UTF8, redisUri))
                .compose(connecting -> Future.fromCompletionStage(connecting, context));
    }

    private void closeRedis() {
        if (commands != null) {
            commands.closeAsync();
            commands = null;
        }
        if (reads != null) {
            reads.closeAsync();
            reads = null;
        }
    }

    private <T> Future<T> onContext(java.util.function.Supplier<Future<T>> action) {
        if (Vertx.currentContext() == context) {
            return action.get();
        }
        return Future.<Future<T>>future(p -> context.runOnContext(v -> p.complete(action.get()))).compose(f -> f);
    }

    private static java.time.Duration max(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
