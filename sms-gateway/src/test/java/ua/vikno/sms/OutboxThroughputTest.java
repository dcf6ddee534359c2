package ua.vikno.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.vikno.sms.GatewayFixture.await;
import static ua.vikno.sms.GatewayFixture.eventually;
import static ua.vikno.sms.GatewayFixture.up;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ua.vikno.testkit.SharedRedis;

/**
 * A burst through the whole path (Redis outbox, window of 20, TPS limit off, simulator). It asserts only that
 * every message arrives once; the rate is logged as a figure, never asserted.
 */
class OutboxThroughputTest {
    private static final Logger log = LoggerFactory.getLogger(OutboxThroughputTest.class);
    static final int MESSAGES = 2000;

    GatewayFixture fx;

    @BeforeEach
    void fixture() {
        fx = new GatewayFixture(SharedRedis.get().url());
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void aBurstWithTheTpsLimitOffArrivesExactlyOnce() {
        await(fx.smsc.start());
        SmsGateway gateway = fx.gateway(fx.sms(20, 0, 5));
        up(gateway);

        long t0 = System.nanoTime();
        List<Future<EnqueueResult>> all = new ArrayList<>(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            all.add(gateway.enqueue(new OutgoingSms("b" + i, "+380671234567", "Звернення №2026-" + i + " зареєстровано",
                    "2026-" + i)));
        }
        await(Future.all(all));
        long enqueued = System.nanoTime();
        eventually(() -> assertThat(fx.smsc.received()).hasSize(MESSAGES));
        long received = System.nanoTime();

        assertThat(fx.receivedCounts().values()).containsOnly(1L);
        assertThat(fx.smsc.submitCount()).isEqualTo(MESSAGES);
        double seconds = (received - t0) / 1e9;
        log.info("throughput: {} SMS enqueued in {} ms, all received by the simulator in {} ms: {} SMS/s "
                        + "(window 20, TPS off, one transceiver)", MESSAGES, (enqueued - t0) / 1_000_000,
                (received - t0) / 1_000_000, Math.round(MESSAGES / seconds));
    }
}
