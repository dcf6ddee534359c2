package ua.vikno.pbx.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ua.vikno.config.Network;

class RtpPortPoolTest {

    static List<Integer> drain(RtpPortPool pool) {
        List<Integer> ports = new ArrayList<>();
        for (Outcome<RtpPorts> next = pool.allocate(); next.isOk(); next = pool.allocate()) {
            ports.add(next.value().rtp());
        }
        return ports;
    }

    @ParameterizedTest(name = "range {0}-{1} gives {2}")
    @CsvSource(delimiter = '|', value = {
        "10000 | 10003 | 10000 10002",
        "10001 | 10006 | 10002 10004",
        "10000 | 10001 | 10000",
        "10001 | 10004 | 10002",
    })
    void givesEvenRtpPortsWhoseOddRtcpNeighbourIsInTheRange(int min, int max, String expected) {
        assertThat(drain(new RtpPortPool(min, max)))
                .containsExactlyElementsOf(List.of(expected.split(" ")).stream().map(Integer::valueOf).toList());
    }

    @ParameterizedTest(name = "{0}-{1}")
    @CsvSource({"10000, 10000", "10001, 10002", "10002, 10000"})
    void aRangeWithoutAPairIsRefused(int min, int max) {
        assertThatThrownBy(() -> new RtpPortPool(min, max)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(min + "-" + max);
    }

    @Test
    void theConfiguredRangeIsUsed() {
        RtpPortPool pool = new RtpPortPool(new Network.Rtp("127.0.0.1", 10000, 20000, java.time.Duration.ofSeconds(30)));
        assertThat(pool.capacity()).isEqualTo(5000);
        assertThat(pool.allocate().value()).isEqualTo(new RtpPorts(10000));
        assertThat(new RtpPorts(10000).rtcp()).isEqualTo(10001);
    }

    @Nested
    class WhenExhausted {
        final RtpPortPool pool = new RtpPortPool(10000, 10005);
        final List<Integer> taken = drain(pool);

        @Test
        void allocationIsANamedFailure() {
            assertThat(taken).hasSize(3);
            assertThat(pool.allocate().failure()).isEqualTo(new MediaFailure.PortsExhausted(10000, 10005, 3));
        }

        @Test
        void aReleasedPairIsAllocatedAgain() {
            assertThat(pool.release(new RtpPorts(10002))).isTrue();
            assertThat(pool.allocate().value()).isEqualTo(new RtpPorts(10002));
            assertThat(pool.inUse()).isEqualTo(3);
        }

        @Test
        void releasingTwiceOrAForeignPairChangesNothing() {
            assertThat(pool.release(new RtpPorts(10004))).isTrue();
            assertThat(pool.release(new RtpPorts(10004))).isFalse();
            assertThat(pool.release(new RtpPorts(10006))).isFalse();
            assertThat(pool.release(new RtpPorts(9998))).isFalse();
            assertThat(pool.inUse()).isEqualTo(2);
        }
    }

    @Test
    void aJustReleasedPairIsTheLastToBeReused() {
        RtpPortPool pool = new RtpPortPool(10000, 10007);
        RtpPorts first = pool.allocate().value();
        pool.release(first);
        assertThat(drain(pool)).containsExactly(10002, 10004, 10006, 10000);
    }

    @Test
    void concurrentCallersNeverGetTheSamePair() throws InterruptedException {
        RtpPortPool pool = new RtpPortPool(10000, 10000 + 2 * 4000 - 1);
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        List<Integer> duplicates = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            new Thread(() -> {
                IntStream.range(0, 1000).forEach(i -> {
                    int port = pool.allocate().value().rtp();
                    if (!seen.add(port)) {
                        synchronized (duplicates) {
                            duplicates.add(port);
                        }
                    }
                });
                done.countDown();
            }).start();
        }
        done.await();
        assertThat(duplicates).isEmpty();
        assertThat(pool.inUse()).isEqualTo(4000);
    }
}
