package ua.vikno.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import ua.vikno.config.ConfigLoader;
import ua.vikno.config.RedisSettings;
import ua.vikno.config.Secret;
import ua.vikno.config.Sms;
import ua.vikno.sms.EnqueueResult;
import ua.vikno.sms.OutgoingSms;
import ua.vikno.sms.SmsGateway;
import ua.vikno.sms.SmsGatewayOptions;
import ua.vikno.sms.SmsStatus;
import ua.vikno.sms.SmsStatusEvent;
import ua.vikno.sms.Ticker;
import ua.vikno.sms.simulator.SmscSimulator;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.RedisServer;

/**
 * Outbox throughput: N Ukrainian (UCS-2, one part) SMS enqueued at once into the real {@link SmsGateway} (Redis
 * Stream outbox on a redis-server with AOF fsync always, one SMPP transceiver, TPS limit off) and drained to the
 * {@link SmscSimulator} (which also sends delivery receipts), for each SMPP window given. Prints SMS/s from the
 * first enqueue to the last submit_sm_resp recorded, and p50/p99 of enqueue -> submitted (SENT recorded in Redis)
 * per message; in a burst that latency includes the wait in the outbox, so a last run offers messages at a steady
 * {@code rate} (with the first window) to show the latency of one message under load.
 * Usage: SmsBench [messages=10000] [windows=10,50] [rate=500]
 */
public final class SmsBench {
    private static final String PASSWORD = "bench-pw";

    private SmsBench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int[] windows = Arrays.stream((args.length > 1 ? args[1] : "10,50").split(",")).mapToInt(Integer::parseInt).toArray();
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Sms sample = new ConfigLoader(Map.<String, String>of()::get)
                .load(Path.of("config/samples/housing-services.yaml")).sms();
        try (RedisServer redis = RedisServer.start()) {
            System.out.printf("redis-server %d with appendfsync always; %d SMS per run, TPS limit off%n", redis.port(), messages);
            System.out.print("warm-up (JIT, connections), not a figure: ");
            run(redis, sample, Math.min(messages, 2000), windows[0], 0);
            for (int w : windows) {
                run(redis, sample, messages, w, 0);
            }
            if (rate > 0) {
                run(redis, sample, Math.min(messages, rate * 10), windows[0], rate);
            }
        }
        System.exit(0);
    }

    /** @param rate messages offered per second, or 0 to enqueue them all at once */
    private static void run(RedisServer redis, Sms sample, int messages, int window, int rate) throws Exception {
        Vertx vertx = Vertx.vertx();
        RedisClient client = RedisClient.create();
        int port = FreePorts.next();
        SmscSimulator smsc = new SmscSimulator(vertx, "127.0.0.1", port, "vikno", PASSWORD, Clock.systemUTC(),
                Duration.ofMillis(200));
        await(smsc.start());
        Sms sms = new Sms(true, new Sms.Smpp("127.0.0.1", port, "vikno", new Secret(PASSWORD), "", window,
                Duration.ofSeconds(30), Duration.ofSeconds(5)), sample.sourceAddress(), 0, 10, sample.mobilePatterns(),
                sample.templates(), new Sms.Simulator(false, "127.0.0.1", port));
        Map<String, Long> enqueuedAt = new ConcurrentHashMap<>(messages * 2);
        long[] micros = new long[messages];
        int[] sent = new int[1];
        long[] lastSent = new long[1];
        CountDownLatch all = new CountDownLatch(messages);
        SmsGateway gateway = new SmsGateway(vertx, sms, client,
                new RedisSettings(redis.url(), Duration.ofSeconds(5), Duration.ofSeconds(10)),
                SmsGatewayOptions.defaults("bench").withKeyPrefix("vikno:{sms-bench-w" + window + "-r" + rate + "-n" + messages + "}"),
                Clock.systemUTC(), Ticker.system(), (SmsStatusEvent e) -> {
                    if (e.status() == SmsStatus.SENT) {
                        Long t0 = enqueuedAt.get(e.messageId());
                        long now = System.nanoTime();
                        synchronized (micros) {
                            micros[sent[0]++] = (now - t0) / 1000;
                            lastSent[0] = now;
                        }
                        all.countDown();
                    }
                });
        await(gateway.start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!gateway.health().isUp() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        long t0 = System.nanoTime();
        List<Future<EnqueueResult>> enqueued = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            if (rate > 0) {
                long due = t0 + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            String id = "w" + window + "-r" + rate + "-n" + messages + "-" + i;
            enqueuedAt.put(id, System.nanoTime());
            enqueued.add(gateway.enqueue(new OutgoingSms(id, String.format("+38067%07d", i),
                    "Звернення №2026-" + String.format("%06d", i) + " зареєстровано. Тел. +380444960000",
                    "2026-" + String.format("%06d", i))));
        }
        await(Future.all(enqueued));
        long allEnqueued = System.nanoTime();
        boolean done = all.await(300, TimeUnit.SECONDS);
        double seconds = (lastSent[0] - t0) / 1e9;
        long[] sorted;
        synchronized (micros) {
            sorted = Arrays.copyOf(micros, sent[0]);
        }
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "window %3d, %s: %d/%d SMS submitted%s in %.2f s = %.0f SMS/s "
                        + "(all enqueued after %.2f s; simulator received %d, submit_sm %d); enqueue -> submitted "
                        + "p50 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                window, rate == 0 ? "burst" : rate + " SMS/s offered", sent[0], messages, done ? "" : " (TIMED OUT)", seconds, sent[0] / seconds,
                (allEnqueued - t0) / 1e9, smsc.received().size(), smsc.submitCount(), pct(sorted, 0.50),
                pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0);
        Thread.sleep(1000); // let the last delivery receipts (sent 200 ms after each submit) land before stopping
        await(gateway.stop());
        await(smsc.stop());
        client.shutdown();
        await(vertx.close());
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1000.0;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }
}
