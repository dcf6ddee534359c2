package ua.vikno.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import ua.vikno.appeals.AppealKind;
import ua.vikno.appeals.AppealNotifier;
import ua.vikno.appeals.AppealQuery;
import ua.vikno.appeals.AppealService;
import ua.vikno.appeals.AppealStatus;
import ua.vikno.appeals.CompletedCall;
import ua.vikno.testkit.RedisServer;

/**
 * Appeals figures against a real redis-server with AOF fsync on every write (appendfsync always):
 * (1) latency from "call ended" to "appeal durable" (registerCall completes after Redis acknowledged the
 * script) for calls arriving one after another and 8 at a time; (2) journal listing and filtering with
 * N appeals stored (default 100,000). Usage: AppealsBench [appeals=100000] [calls=2000]
 */
public final class AppealsBench {
    private static final String[] DEPARTMENTS = {"water", "electricity", "accounting", "certificates", "dispatch"};
    private static final String[][] CATEGORIES = {{"Водопостачання", "Гаряча вода"}, {"Водопостачання", "Холодна вода"},
            {"Електропостачання"}, {"Оплата та рахунки"}, {"Довідки"}};

    private AppealsBench() {
    }

    public static void main(String[] args) throws Exception {
        int appeals = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        try (RedisServer redis = RedisServer.start()) {
            RedisClient client = RedisClient.create(redis.url());
            StatefulRedisConnection<String, String> connection = client.connect();
            Instant base = Instant.parse("2026-01-05T06:00:00Z");
            AppealService service = new AppealService(connection.async(), Clock.systemUTC(), ZoneId.of("Europe/Kyiv"),
                    AppealNotifier.none());

            System.out.printf("redis-server %d with appendfsync always%n", redis.port());
            latency(service, calls, 1, base);
            latency(service, calls, 8, base.plusSeconds(86_400));

            long t0 = System.nanoTime();
            int batch = 64;
            for (int i = 0; i < appeals; i += batch) {
                List<CompletableFuture<?>> inflight = new ArrayList<>();
                for (int j = i; j < Math.min(appeals, i + batch); j++) {
                    inflight.add(service.registerCall(call(j, base.plusSeconds(30L * j)))
                            .toCompletionStage().toCompletableFuture());
                }
                CompletableFuture.allOf(inflight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            }
            System.out.printf(Locale.ROOT, "stored %d appeals in %.1f s%n", appeals, (System.nanoTime() - t0) / 1e9);
            Instant end = base.plusSeconds(30L * appeals);
            journal(service, "newest 50, whole period", q(Optional.empty(), Optional.empty(), Optional.empty(), base, end, 0));
            journal(service, "page 100 (offset 5000)", q(Optional.empty(), Optional.empty(), Optional.empty(), base, end, 5000));
            journal(service, "status=registered", q(Optional.empty(), Optional.of(AppealStatus.REGISTERED), Optional.empty(), base, end, 0));
            journal(service, "department=water, status=registered", q(Optional.empty(), Optional.of(AppealStatus.REGISTERED),
                    Optional.of("water"), base, end, 0));
            journal(service, "phone=+380670000042", q(Optional.of("+380670000042"), Optional.empty(), Optional.empty(), base, end, 0));
            journal(service, "one day", q(Optional.empty(), Optional.empty(), Optional.empty(),
                    base.plusSeconds(86_400 * 10L), base.plusSeconds(86_400 * 11L), 0));
            connection.close();
            client.shutdown();
        }
    }

    private static AppealQuery q(Optional<String> phone, Optional<AppealStatus> status, Optional<String> dept,
                                 Instant from, Instant to, int offset) {
        return new AppealQuery(phone, status, Optional.empty(), dept, Optional.empty(), from, to, offset, 50);
    }

    private static void journal(AppealService service, String what, AppealQuery query) throws Exception {
        long[] ms = new long[21];
        long total = 0;
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            total = await(service.list(query)).total();
            ms[i] = (System.nanoTime() - t0) / 1000;
        }
        long[] measured = Arrays.copyOfRange(ms, 1, ms.length);
        Arrays.sort(measured);
        System.out.printf(Locale.ROOT, "journal %-40s matches %7d  median %6.1f ms  max %6.1f ms%n", what, total,
                measured[measured.length / 2] / 1000.0, measured[measured.length - 1] / 1000.0);
    }

    private static void latency(AppealService service, int calls, int concurrency, Instant base) throws Exception {
        long[] micros = new long[calls];
        int done = 0;
        while (done < calls) {
            int n = Math.min(concurrency, calls - done);
            List<CompletableFuture<Long>> inflight = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                int index = done + j;
                long t0 = System.nanoTime();
                inflight.add(service.registerCall(call(1_000_000 + index + concurrency * 100_000, base.plusSeconds(index)))
                        .map(a -> (System.nanoTime() - t0) / 1000).toCompletionStage().toCompletableFuture());
            }
            for (int j = 0; j < n; j++) {
                micros[done + j] = inflight.get(j).get(10, TimeUnit.SECONDS);
            }
            done += n;
        }
        Arrays.sort(micros);
        System.out.printf(Locale.ROOT, "hang-up -> durable appeal, %d calls, %d at a time: p50 %.2f ms  p99 %.2f ms  max %.2f ms%n",
                calls, concurrency, micros[calls / 2] / 1000.0, micros[(int) (calls * 0.99)] / 1000.0, micros[calls - 1] / 1000.0);
    }

    private static CompletedCall call(int i, Instant ended) {
        String[] category = CATEGORIES[i % CATEGORIES.length];
        boolean answered = i % 5 != 0;
        return new CompletedCall("bench-" + i, String.format("+38067%07d", i % 5000), "+380444960000",
                ended.minusSeconds(120), answered ? Optional.of(ended.minusSeconds(100)) : Optional.empty(), ended,
                "main>1>2", List.of(category), Optional.of(DEPARTMENTS[i % DEPARTMENTS.length]),
                answered ? Optional.of("2" + (i % 5) + "0") : Optional.empty(), Duration.ofSeconds(i % 60),
                answered ? Duration.ofSeconds(90) : Duration.ZERO, Optional.empty(), "normal",
                answered ? AppealKind.ANSWERED : AppealKind.MISSED);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
