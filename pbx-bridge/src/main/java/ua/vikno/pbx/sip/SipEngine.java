package ua.vikno.pbx.sip;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sip.ListeningPoint;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.message.Request;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.config.Line;
import ua.vikno.config.Network;
import ua.vikno.config.Secret;
import ua.vikno.config.Trunk;
import ua.vikno.pbx.rtp.MediaClock;
import ua.vikno.pbx.rtp.RtpPortPool;
import ua.vikno.pbx.rtp.Ticker;
import ua.vikno.pbx.sip.call.CallMedia;
import ua.vikno.pbx.sip.call.DialPlan;
import ua.vikno.pbx.sip.call.SipOutbound;
import ua.vikno.pbx.sip.call.SipPbx;
import ua.vikno.pbx.sip.auth.AuthFailureLimiter;
import ua.vikno.pbx.sip.auth.DigestAuthenticator;
import ua.vikno.pbx.sip.auth.NonceCounts;
import ua.vikno.pbx.sip.auth.Nonces;
import ua.vikno.pbx.sip.internal.CancelHandler;
import ua.vikno.pbx.sip.internal.ClientEvents;
import ua.vikno.pbx.sip.internal.EngineListener;
import ua.vikno.pbx.sip.internal.NoTlsSecurityManagerProvider;
import ua.vikno.pbx.sip.internal.OptionsHandler;
import ua.vikno.pbx.sip.internal.RegisterCodec;
import ua.vikno.pbx.sip.internal.RegisterHandler;
import ua.vikno.pbx.sip.internal.RequestDispatcher;
import ua.vikno.pbx.sip.internal.Responder;
import ua.vikno.pbx.sip.internal.Slf4jServerLogger;
import ua.vikno.pbx.sip.internal.Slf4jStackLogger;
import ua.vikno.pbx.sip.registrar.LocationService;
import ua.vikno.pbx.sip.registrar.RegistrationPolicy;
import ua.vikno.pbx.sip.registrar.Registrar;
import ua.vikno.pbx.sip.trunk.TrunkRegistration;
import ua.vikno.pbx.sip.trunk.TrunkRegistrations;
import ua.vikno.pbx.sip.trunk.TrunkSources;

/**
 * The embedded SIP engine: a JAIN-SIP stack listening on UDP and TCP (RFC 3261 section 18) that serves REGISTER
 * for the configured lines, OPTIONS, and, when built with {@link Media}, calls as a B2BUA through its
 * {@link SipPbx}; it refuses what it does not serve. Deployed as a Vert.x verticle: its
 * start fails if a listening point cannot be bound. Requests are handled on the verticle's context; JAIN-SIP's
 * own threads only hand them over.
 */
public final class SipEngine extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(SipEngine.class);
    private static final int MAX_MESSAGE_SIZE = 64 * 1024;
    private static final int MAX_TRACKED_NONCES = 100_000;

    private final Network.Sip settings;
    private final LocationService locations;
    private final Clock clock;
    private final AuthFailureLimiter limiter;
    private final DigestAuthenticator authenticator;
    private final Set<String> servedHosts;
    private final List<Line> lines;
    private final List<Trunk> trunks;
    private final TrunkSources trunkSources;
    private final DialPlan dialPlan;
    private final Optional<Media> media;
    private volatile SipPbx pbx;
    private volatile Running running;
    private volatile TrunkRegistrations trunkRegistrations;

    /**
     * What the engine needs to serve calls: the RTP settings, the port pool and the one shared media clock.
     */
    public record Media(Network.Rtp rtp, RtpPortPool pool, MediaClock clock) {
    }

    /** An open stack and what was bound. */
    private record Running(SipStackImpl stack, SipProvider provider, SipListener listener, List<ListeningPoint> points) {
    }

    /** An engine that registers lines and answers OPTIONS but serves no calls (INVITE gets 405). */
    public SipEngine(Network.Sip settings, List<Line> lines, LocationService locations, Clock clock,
                     SecureRandom random) {
        this(settings, lines, List.of(), DialPlan.of(List.of(), List.of()), locations, Optional.empty(), clock, random);
    }

    /**
     * An engine that also serves calls from lines and from {@code trunks}, as a B2BUA with media; lines dial out
     * through the first trunk ({@link DialPlan#of} with no numbers of our own).
     */
    public SipEngine(Network.Sip settings, List<Line> lines, List<Trunk> trunks, LocationService locations,
                     Media media, Clock clock, SecureRandom random) {
        this(settings, lines, trunks, DialPlan.of(List.of(), trunks), locations, Optional.of(media), clock, random);
    }

    /** An engine serving calls, with the dial plan that tells a line's external numbers from our own. */
    public SipEngine(Network.Sip settings, List<Line> lines, List<Trunk> trunks, DialPlan dialPlan,
                     LocationService locations, Media media, Clock clock, SecureRandom random) {
        this(settings, lines, trunks, dialPlan, locations, Optional.of(media), clock, random);
    }

    private SipEngine(Network.Sip settings, List<Line> lines, List<Trunk> trunks, DialPlan dialPlan,
                      LocationService locations, Optional<Media> media, Clock clock, SecureRandom random) {
        this.lines = List.copyOf(lines);
        this.trunks = List.copyOf(trunks);
        this.trunkSources = new TrunkSources(this.trunks, TrunkSources.Resolver.SYSTEM);
        this.dialPlan = dialPlan;
        this.media = media;
        if (settings.transports().isEmpty()) {
            throw new IllegalArgumentException("network.sip.transports is empty: the engine needs UDP, TCP or both");
        }
        this.settings = settings;
        this.locations = locations;
        this.clock = clock;
        this.limiter = new AuthFailureLimiter(settings.maxAuthFailures(), settings.authFailureWindow(),
                settings.lockout(), clock);
        Map<String, Secret> passwords = lines.stream().collect(Collectors.toUnmodifiableMap(Line::extension,
                Line::password));
        Function<String, Optional<Secret>> lookup = user -> Optional.ofNullable(passwords.get(user));
        this.authenticator = new DigestAuthenticator(settings.domain(), lookup,
                new Nonces(bytes(random, 32), settings.nonceLifetime(), clock),
                new NonceCounts(settings.nonceLifetime(), clock, MAX_TRACKED_NONCES), limiter,
                HexFormat.of().formatHex(bytes(random, 16)), HexFormat.of().formatHex(bytes(random, 24)));
        this.servedHosts = servedHosts(settings);
    }

    /** Binds the listening points on a worker; the returned future fails with {@link SipFailure.BindFailed}. */
    @Override
    public Future<?> start() {
        SipOutbound outbound = new SipOutbound(new MessageFactoryImpl(), new HeaderFactoryImpl(),
                new AddressFactoryImpl(), context);
        RequestDispatcher dispatcher = dispatcher(outbound);
        TrunkRegistrations registrations = new TrunkRegistrations(trunks, outbound, trunkSources, clock,
                pbx == null ? ClientEvents.NONE : pbx.registry());
        return context.executeBlocking(() -> open(dispatcher, registrations), false).onSuccess(r -> {
            outbound.attach(r.provider());
            if (pbx != null) {
                pbx.start();
            }
            running = r;
            trunkSources.start(context);
            trunkRegistrations = registrations;
            registrations.start();
            LOG.info("SIP engine listening on {} for domain {}", describe(r.points()), settings.domain());
        });
    }

    @Override
    public Future<?> stop() {
        Running r = running;
        running = null;
        if (r == null) {
            return Future.succeededFuture();
        }
        trunkSources.stop();
        TrunkRegistrations registrations = trunkRegistrations;
        Future<Void> unregistered = registrations == null ? Future.succeededFuture() : registrations.stop();
        Future<Void> calls = unregistered.transform(x -> pbx == null ? Future.succeededFuture() : pbx.stop());
        return calls.transform(x -> context.executeBlocking(() -> {
            close(r.stack(), r.provider(), r.listener());
            LOG.info("SIP engine stopped on {}", describe(r.points()));
            return null;
        }, false));
    }

    /** The registrations with providers ({@link Trunk.Mode#REGISTER} trunks), in configuration order. */
    public List<TrunkRegistration.Status> trunkRegistrations() {
        TrunkRegistrations r = trunkRegistrations;
        return r == null ? List.of() : r.statuses();
    }

    /** The calls of this engine as a {@link ua.vikno.pbx.Pbx}; present once started with {@link Media}. */
    public Optional<SipPbx> pbx() {
        return Optional.ofNullable(pbx);
    }

    /** UP with the listening points while serving, DOWN otherwise. */
    public SipHealth health() {
        Running r = running;
        return r == null
                ? new SipHealth(SipHealth.Status.DOWN, List.of(), limiter.lockouts())
                : new SipHealth(SipHealth.Status.UP, describe(r.points()), limiter.lockouts());
    }

    /** Users at an address, or whole addresses, locked out for failed authentication since this engine was built. */
    public long authLockouts() {
        return limiter.lockouts();
    }

    /** Failed authentications since this engine was built. */
    public long authFailures() {
        return limiter.failures();
    }

    /** The table of per-method handlers, built on the verticle's context before any request can arrive. */
    private RequestDispatcher dispatcher(SipOutbound outbound) {
        Responder responder = new Responder(outbound.messages(), outbound.headers(), outbound.sends());
        RequestDispatcher dispatcher = new RequestDispatcher(responder);
        Registrar registrar = new Registrar(settings.domain(), servedHosts, authenticator, locations,
                RegistrationPolicy.withMaxExpiry(settings.registrationMaxExpiry()), clock);
        RegisterCodec codec = new RegisterCodec(settings.domain(), new AddressFactoryImpl(), responder.headers());
        dispatcher.register(Request.REGISTER, new RegisterHandler(registrar, codec, responder))
                .register(Request.OPTIONS, new OptionsHandler(responder, dispatcher))
                .register(Request.CANCEL, new CancelHandler(responder));
        media.ifPresent(m -> {
            pbx = new SipPbx(settings.domain(), outbound, responder,
                    new CallMedia(vertx, m.rtp(), m.pool(), m.clock(), Ticker.system(), new SecureRandom()),
                    locations, lines, trunks, dialPlan, settings.sessionExpires(), clock);
            pbx.register(dispatcher, authenticator, trunkSources);
        });
        return dispatcher;
    }

    private Running open(RequestDispatcher dispatcher, ClientEvents client) throws Exception {
        SipStackImpl stack = new SipStackImpl(stackProperties());
        List<ListeningPoint> points = new ArrayList<>();
        SipProvider provider = null;
        try {
            for (Network.Transport transport : settings.transports()) {
                String name = transport.name().toLowerCase(Locale.ROOT);
                try {
                    points.add(stack.createListeningPoint(settings.bind(), settings.port(), name));
                } catch (Exception e) {
                    throw new SipFailure.BindFailed(name, settings.bind(), settings.port(), e);
                }
            }
            provider = stack.createSipProvider(points.get(0));
            for (ListeningPoint point : points.subList(1, points.size())) {
                provider.addListeningPoint(point);
            }
            SipListener listener = new EngineListener(provider, context, dispatcher, client);
            provider.addSipListener(listener);
            stack.start();
            return new Running(stack, provider, listener, List.copyOf(points));
        } catch (Exception e) {
            close(stack, provider, null);
            throw e;
        }
    }

    /**
     * Detaches the listener, then stops the stack, which closes every listening point and connection. Deleting
     * the provider and listening points one by one would stop the stack twice, and each stop pauses for a second.
     */
    private static void close(SipStackImpl stack, SipProvider provider, SipListener listener) {
        if (provider != null && listener != null) {
            provider.removeSipListener(listener);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                stack.stop();
                return;
            } catch (java.util.ConcurrentModificationException e) {
                // JAIN-SIP's UDP message processor walks its list of channels while a datagram thread of the stack
                // removes itself from it; stopping again finishes what the first stop left.
                if (attempt == 3) {
                    LOG.warn("the SIP stack did not stop cleanly after {} attempts: {}", attempt, e.toString());
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Properties stackProperties() {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "vikno-" + settings.bind() + "-" + settings.port());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY",
                "gov.nist.javax.sip.stack.NioMessageProcessorFactory");
        // A bounded pool: without THREAD_POOL_SIZE the stack starts one thread per UDP datagram.
        // TCP_POST_PARSING_THREAD_POOL_SIZE stays unset: that pool is static in JAIN-SIP, shared by every stack
        // of the JVM and shut down by whichever stops first.
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE_SIZE));
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.TLS_SECURITY_POLICY", "gov.nist.javax.sip.stack.DefaultTlsSecurityPolicy");
        p.setProperty("gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER", NoTlsSecurityManagerProvider.class.getName());
        return p;
    }

    /** The Request-URI hosts taken as this registrar's domain (RFC 3261 section 10.3 step 1). */
    private static Set<String> servedHosts(Network.Sip settings) {
        Set<String> hosts = new HashSet<>();
        hosts.add(settings.domain().toLowerCase(Locale.ROOT));
        hosts.add(settings.bind().toLowerCase(Locale.ROOT));
        if (settings.bind().equals("0.0.0.0") || settings.bind().equals("::")) {
            try {
                for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                    nic.inetAddresses().map(InetAddress::getHostAddress).forEach(hosts::add);
                }
            } catch (SocketException e) {
                LOG.warn("cannot list the local addresses; only {} is taken as this domain: {}", settings.domain(),
                        e.toString());
            }
        }
        return Set.copyOf(hosts);
    }

    private static List<String> describe(List<ListeningPoint> points) {
        return points.stream()
                .map(p -> p.getTransport().toLowerCase(Locale.ROOT) + ":" + p.getIPAddress() + ":" + p.getPort())
                .toList();
    }

    private static byte[] bytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
