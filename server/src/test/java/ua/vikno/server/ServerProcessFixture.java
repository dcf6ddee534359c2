package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import ua.vikno.sms.simulator.SmscSimulator;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.RedisServer;

/**
 * A node run as separate JVM processes on the sample configuration, one after another under the same node name,
 * with a Redis and an SMSC simulator of its own (not started) that the test stops and starts; each process logs to
 * {@code <name>.log} in the data directory.
 */
final class ServerProcessFixture implements AutoCloseable {
    final RedisServer redis;
    final Vertx smscVertx = Vertx.vertx();
    final SmscSimulator smsc;
    final Path data;
    final int httpPort;
    final int trunkPort;
    /** Every process started, in order; {@link #close()} kills those still running. */
    final List<Process> servers = new ArrayList<>();
    private final Map<String, String> env;

    private ServerProcessFixture(Path data, String node) throws Exception {
        this.data = data;
        redis = RedisServer.start();
        httpPort = FreePorts.next();
        trunkPort = FreePorts.next();
        env = new HashMap<>(TestConfigs.environment(redis.url(), httpPort, data));
        env.put("VIKNO_SMSC_SIMULATOR", "false");
        env.put("VIKNO_TRUNK_PORT", String.valueOf(trunkPort));
        env.put("VIKNO_NODE", node); // every process started is the same node
        smsc = SmscSimulator.fromConfig(smscVertx, TestConfigs.sample(env).sms(), Clock.systemUTC());
    }

    static ServerProcessFixture start(Path data, String node) throws Exception {
        return new ServerProcessFixture(data, node);
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    int sipPort() {
        return Integer.parseInt(env.get("VIKNO_SIP_PORT"));
    }

    /** The residents call the hotline through the trunk with SIPp, each listening for {@code listen}. */
    ResidentCalls.Result placeCalls(List<String> residents, Duration listen) throws IOException, InterruptedException {
        return ResidentCalls.place(data, sipPort(), trunkPort, residents, listen);
    }

    /** Starts a process logging to {@code <name>.log}; returns once it says it is ready (within 40 s). */
    Process startServer(String name) throws IOException, InterruptedException {
        Path out = data.resolve(name + ".log");
        Process p = MainProcessTest.vikno(env, "--config", TestConfigs.SAMPLE.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        servers.add(p);
        await(() -> read(out).contains("Vikno ready in") || !p.isAlive(), Duration.ofSeconds(40), "ready: " + read(out));
        assertThat(p.isAlive()).as(read(out)).isTrue();
        return p;
    }

    /** The log of the process started as {@code name}, headed for an assertion's description. */
    String log(String name) {
        return "\n--- " + name + " server ---\n" + read(data.resolve(name + ".log"));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws Exception {
        for (Process p : servers) {
            p.toHandle().destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        Exception failure = null;
        try {
            await(smsc.stop());
        } catch (Exception e) {
            failure = e;
        }
        smscVertx.close();
        redis.close();
        if (failure != null) {
            throw failure;
        }
    }
}
