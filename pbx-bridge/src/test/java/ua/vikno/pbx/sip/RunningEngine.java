package ua.vikno.pbx.sip;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import ua.vikno.config.Line;
import ua.vikno.config.Network;
import ua.vikno.config.Secret;
import ua.vikno.pbx.sip.registrar.Binding;
import ua.vikno.pbx.sip.registrar.RedisLocationService;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.RedisServer;
import ua.vikno.testkit.SharedRedis;

/**
 * A SIP engine deployed on its own Vert.x, on 127.0.0.1 and a free port, with lines 101 and 102 and a location
 * service in the shared test Redis under a key prefix of its own (line 103 is a transfer target). Restarting keeps the port and the prefix.
 */
final class RunningEngine implements AutoCloseable {
    static final String PASSWORD_101 = "secret-101";
    static final String PASSWORD_102 = "secret-102";
    static final List<Line> LINES = List.of(
            new Line("101", "Operator one", new Secret(PASSWORD_101), Optional.empty(), Set.of(), false),
            new Line("102", "Operator two", new Secret(PASSWORD_102), Optional.empty(), Set.of(), false),
            new Line("103", "Operator three", new Secret("secret-103"), Optional.empty(), Set.of(), false));

    final Network.Sip settings;
    final List<Line> lines;
    final Vertx vertx = Vertx.builder().with(new io.vertx.core.VertxOptions().setPreferNativeTransport(true)).build();
    final RedisClient redisClient;
    final StatefulRedisConnection<String, String> redis;
    final RedisLocationService locations;
    final String keyPrefix = "test-" + UUID.randomUUID() + ":";
    SipEngine engine;
    RtpRange rtpPorts = rtpPool(10);
    final ua.vikno.pbx.rtp.PacingMediaClock mediaClock =
            new ua.vikno.pbx.rtp.PacingMediaClock(ua.vikno.pbx.rtp.Ticker.system()).start();
    /** How long a call may go without RTP before it ends with MEDIA_TIMEOUT; set before {@link #start()}. */
    Duration rtpInactivity = Duration.ofSeconds(10);
    /** Trunks the engine takes calls from; set before {@link #start()}. */
    List<ua.vikno.config.Trunk> trunks = List.of();
    /** Numbers every line may call out to (site.emergency-numbers); set before {@link #start()}. */
    List<String> emergencyNumbers = List.of();
    private String deployment;

    RunningEngine(Duration nonceLifetime) {
        this(settings(FreePorts.next(), nonceLifetime));
    }

    RunningEngine() {
        this(Duration.ofMinutes(5));
    }

    RunningEngine(Network.Sip settings) {
        this(settings, LINES);
    }

    RunningEngine(Network.Sip settings, List<Line> lines) {
        this(settings, lines, SharedRedis.get());
    }

    /** An engine on its own Redis server, whose commands fail within 2 s while it is down. */
    RunningEngine(RedisServer redisServer) {
        this(settings(FreePorts.next(), Duration.ofMinutes(5)), LINES, redisServer);
    }

    private RunningEngine(Network.Sip settings, List<Line> lines, RedisServer redisServer) {
        this.settings = settings;
        this.lines = lines;
        this.redisClient = RedisClient.create(redisServer.url());
        redisClient.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .build());
        this.redis = redisClient.connect();
        this.locations = new RedisLocationService(redis, keyPrefix, Clock.systemUTC());
    }

    static Network.Sip settings(int port, Duration nonceLifetime) {
        return new Network.Sip("127.0.0.1", port, EnumSet.of(Network.Transport.UDP, Network.Transport.TCP),
                "vikno.local", Duration.ofHours(1), nonceLifetime, 3, Duration.ofMinutes(1), Duration.ofMinutes(10),
                Duration.ofMinutes(30));
    }

    int port() {
        return settings.port();
    }

    /** The RTP port range reserved for this engine's calls. */
    record RtpRange(int firstPort, int lastPort, ua.vikno.pbx.rtp.RtpPortPool pool) {
        int inUse() {
            return pool.inUse();
        }
    }

    /** Uses {@code pairs} RTP/RTCP pairs instead of ten; call before {@link #start()}. */
    RunningEngine withRtpPairs(int pairs) {
        rtpPorts = rtpPool(pairs);
        return this;
    }

    /** RTP/RTCP pairs taken from the free ports, so no other test binds them. */
    private static RtpRange rtpPool(int pairs) {
        int first = FreePorts.nextEvenPair();
        int last = first + 1;
        for (int i = 1; i < pairs; i++) {
            last = FreePorts.nextEvenPair() + 1;
        }
        return new RtpRange(first, last, new ua.vikno.pbx.rtp.RtpPortPool(first, last));
    }

    ua.vikno.pbx.sip.call.SipPbx pbx() {
        return engine.pbx().orElseThrow();
    }

    /** Binds {@code contact} to {@code line} in the location service, as a REGISTER would. */
    void bind(String line, String contact) {
        String aor = "sip:" + line + "@" + settings.domain();
        await(locations.update(aor, List.of(new Binding(aor, contact, java.time.Instant.now().plusSeconds(300),
                "test-" + UUID.randomUUID(), 1, "udp:127.0.0.1:0")), List.of()));
    }

    /** Builds a new engine and deploys it; fails the test if it does not start. */
    RunningEngine start() {
        engine = new SipEngine(settings, lines, trunks,
                ua.vikno.pbx.sip.call.DialPlan.of(List.of(), emergencyNumbers, trunks), locations, new SipEngine.Media(
                new Network.Rtp("127.0.0.1", rtpPorts.firstPort(), rtpPorts.lastPort(), rtpInactivity),
                rtpPorts.pool(), mediaClock), Clock.systemUTC(), new SecureRandom());
        deployment = await(vertx.deployVerticle(engine));
        return this;
    }

    void stop() {
        if (deployment != null) {
            await(vertx.undeploy(deployment));
            deployment = null;
        }
    }

    List<Binding> bindings(String line) {
        return await(locations.bindings("sip:" + line + "@" + settings.domain()));
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }

    /**
     * Closes on another thread and returns at once: JAIN-SIP pauses a second when a stack stops, and no test
     * reuses another test's port or key prefix, so there is nothing to wait for.
     */
    void closeInBackground() {
        Thread closer = new Thread(this::close, "close-engine-" + port());
        closer.setDaemon(true);
        closer.start();
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            redis.close();
            redisClient.shutdown(0, 2, TimeUnit.SECONDS);
            await(vertx.close());
            mediaClock.close();
        }
    }
}
