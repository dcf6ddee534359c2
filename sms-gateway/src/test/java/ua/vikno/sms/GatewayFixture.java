package ua.vikno.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.lettuce.core.RedisClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import ua.vikno.config.RedisSettings;
import ua.vikno.config.Secret;
import ua.vikno.config.Sms;
import ua.vikno.sms.simulator.ReceivedSms;
import ua.vikno.sms.simulator.SmscSimulator;
import ua.vikno.testkit.FreePorts;

/** A real simulator on a free loopback port and gateways on a real Redis, with short times for tests. */
final class GatewayFixture implements AutoCloseable {
    static final String PASSWORD = "smpp-pw1";
    static final Duration PATIENCE = Duration.ofSeconds(20);

    final Vertx vertx = Vertx.vertx();
    final RedisClient redisClient = RedisClient.create();
    final String redisUrl;
    final int smscPort = FreePorts.next();
    final SmscSimulator smsc;
    /** One key prefix per fixture, so tests sharing a Redis never see each other's outbox. */
    final String prefix = "vikno:{sms-" + UUID.randomUUID().toString().substring(0, 8) + "}";
    final List<SmsStatusEvent> events = new CopyOnWriteArrayList<>();
    private final List<SmsGateway> gateways = new CopyOnWriteArrayList<>();

    GatewayFixture(String redisUrl) {
        this.redisUrl = redisUrl;
        this.smsc = new SmscSimulator(vertx, "127.0.0.1", smscPort, "vikno", PASSWORD, Clock.systemUTC(),
                Duration.ofMillis(50));
    }

    Sms sms(int window, int tps, int maxAttempts) {
        return sms(window, tps, maxAttempts, PASSWORD);
    }

    Sms sms(int window, int tps, int maxAttempts, String password) {
        return sms(window, tps, maxAttempts, password, Duration.ofSeconds(5));
    }

    Sms sms(int window, int tps, int maxAttempts, String password, Duration enquireLink) {
        Sms sample = SampleConfig.SMS;
        return new Sms(true, new Sms.Smpp("127.0.0.1", smscPort, "vikno", new Secret(password), "", window,
                enquireLink, Duration.ofMillis(400)), "ObolonServ", tps, maxAttempts,
                sample.mobilePatterns(), sample.templates(), new Sms.Simulator(true, "127.0.0.1", smscPort));
    }

    SmsGatewayOptions options(String consumer) {
        return SmsGatewayOptions.defaults(consumer).withKeyPrefix(prefix)
                .withRetry(Duration.ofMillis(100), Duration.ofMillis(400))
                .withReconnectInitial(Duration.ofMillis(100))
                .withClaim(Duration.ofMillis(500), Duration.ofMillis(200))
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofMillis(200));
    }

    /** A started gateway. */
    SmsGateway gateway(Sms sms, SmsGatewayOptions options) {
        return gateway(sms, options, Duration.ofSeconds(10));
    }

    /** A started gateway whose Redis commands fail after {@code commandTimeout}. */
    SmsGateway gateway(Sms sms, SmsGatewayOptions options, Duration commandTimeout) {
        SmsGateway g = new SmsGateway(vertx, sms, redisClient,
                new RedisSettings(redisUrl, Duration.ofSeconds(2), commandTimeout), options,
                Clock.systemUTC(), Ticker.system(), events::add);
        gateways.add(g);
        await(g.start());
        return g;
    }

    SmsGateway gateway(Sms sms) {
        return gateway(sms, options("node-a"));
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }

    /** Retries the assertion until it holds or the patience runs out; real peers answer in their own time. */
    static void eventually(Runnable assertion) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static void up(SmsGateway g) {
        eventually(() -> assertThat(g.health().state()).isEqualTo(SmsHealth.State.UP));
    }

    /** How many times each text reached the SMSC. */
    Map<String, Long> receivedCounts() {
        return smsc.received().stream().collect(Collectors.groupingBy(ReceivedSms::text, Collectors.counting()));
    }

    List<SmsStatus> statusesOf(String id) {
        return events.stream().filter(e -> e.messageId().equals(id)).map(SmsStatusEvent::status).toList();
    }

    SmsRecord record(SmsGateway g, String id) {
        return await(g.status(id)).orElseThrow(() -> new AssertionError("no record of " + id));
    }

    static <T, R> List<R> map(List<T> list, Function<T, R> f) {
        return list.stream().map(f).toList();
    }

    @Override
    public void close() {
        for (SmsGateway g : gateways) {
            await(g.stop());
        }
        await(smsc.stop());
        redisClient.shutdown();
        await(vertx.close());
    }
}
