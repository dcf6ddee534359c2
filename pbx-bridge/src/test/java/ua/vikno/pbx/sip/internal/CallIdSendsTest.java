package ua.vikno.pbx.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sends of one Call-ID leave in submission order; sends of different Call-IDs run side by side on the workers. */
class CallIdSendsTest {
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(8));
    private final CallIdSends sends = new CallIdSends(vertx.getOrCreateContext());

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void sendsOfOneCallLeaveInTheOrderTheyWereMadeAndNeverOverlap() throws Exception {
        int count = 200;
        List<Integer> sent = new CopyOnWriteArrayList<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(sends.submit("call-a", () -> {
                if (inFlight.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                jitter();   // an unordered worker pool would let the next send overtake this one
                sent.add(n);
                inFlight.decrementAndGet();
                return n;
            }));
        }

        await(Future.all(futures));

        assertThat(overlaps).hasValue(0);
        assertThat(sent).hasSize(count).isSorted();
    }

    @Test
    void aFailedSendDoesNotHoldBackTheNextOfItsCall() throws Exception {
        Future<Object> failed = sends.submit("call-a", () -> {
            throw new IllegalStateException("the socket is gone");
        });
        Future<String> next = sends.submit("call-a", () -> "BYE");

        assertThat(await(next)).isEqualTo("BYE");
        assertThat(failed.failed()).isTrue();
    }

    @Test
    void sendsOfDifferentCallsRunInParallel() throws Exception {
        // Call a's send finishes only once call b's send has started: with one queue for both, it never would.
        CountDownLatch bStarted = new CountDownLatch(1);
        Future<Boolean> a = sends.submit("call-a", () -> bStarted.await(10, TimeUnit.SECONDS));
        Future<String> b = sends.submit("call-b", () -> {
            bStarted.countDown();
            return "b";
        });

        assertThat(await(a)).as("call a's send saw call b's start while it was still running").isTrue();
        assertThat(await(b)).isEqualTo("b");
    }

    @Test
    void manyCallsInterleavedKeepEachCallsOrder() throws Exception {
        int calls = 16;
        int perCall = 40;
        List<List<Integer>> sent = new ArrayList<>();
        List<Future<Integer>> futures = new ArrayList<>();
        for (int c = 0; c < calls; c++) {
            sent.add(new CopyOnWriteArrayList<>());
        }
        for (int i = 0; i < perCall; i++) {
            for (int c = 0; c < calls; c++) {
                int call = c;
                int n = i;
                futures.add(sends.submit("call-" + c, () -> {
                    jitter();
                    sent.get(call).add(n);
                    return n;
                }));
            }
        }

        await(Future.all(futures));

        for (List<Integer> one : sent) {
            assertThat(one).hasSize(perCall).isSorted();
        }
    }

    @Test
    void aCallsChainIsDroppedWhenItsLastSendHasFinished() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Boolean> first = sends.submit("call-a", () -> release.await(10, TimeUnit.SECONDS));
        Future<String> second = sends.submit("call-a", () -> "ACK");
        assertThat(sends.pendingCallIds()).isEqualTo(1);

        release.countDown();
        await(first);
        await(second);

        assertThat(sends.pendingCallIds()).isZero();
    }

    private static void jitter() throws InterruptedException {
        TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextInt(0, 300));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
