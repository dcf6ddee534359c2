package ua.vikno.pbx.sip.call;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javax.sip.message.Request;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import ua.vikno.config.Line;
import ua.vikno.config.Trunk;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.LinePresence;
import ua.vikno.pbx.Pbx;
import ua.vikno.pbx.sip.auth.DigestAuthenticator;
import ua.vikno.pbx.sip.internal.RequestDispatcher;
import ua.vikno.pbx.sip.internal.Responder;
import ua.vikno.pbx.sip.registrar.LocationService;

/**
 * The embedded engine as a {@link Pbx}: registers the call handlers (INVITE, ACK, BYE, CANCEL, INFO) in the
 * engine's dispatcher, offers calls it does not route itself to the incoming-call handler, places calls to lines
 * ({@link #originate}, failing with {@link CallFailure} and its cause), and tells presence
 * from the location service (refreshed on the engine's context) and the calls in progress.
 */
public final class SipPbx implements Pbx {
    /** How long an internal call rings before the caller hears 480. */
    public static final Duration INTERNAL_RING_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PRESENCE_REFRESH = Duration.ofSeconds(5);

    private final CallServices services;
    private final DialPlan dialPlan;
    private final Map<String, Boolean> registered = new ConcurrentHashMap<>();
    private final Map<String, LinePresence> lastPresence = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<LinePresence>> presenceListeners = new CopyOnWriteArrayList<>();
    private volatile Consumer<Call> incoming;
    private long presenceTimer = -1;

    /** @param sessionExpires the longest session-timer interval granted to a caller that asks for one (RFC 4028) */
    public SipPbx(String domain, SipOutbound out, Responder responder, CallMedia media, LocationService locations,
                  List<Line> lines, List<Trunk> trunks, DialPlan dialPlan, Duration sessionExpires, Clock clock) {
        Map<String, Line> byExtension = lines.stream().collect(Collectors.toUnmodifiableMap(Line::extension, l -> l));
        Map<String, Trunk> byId = trunks.stream().collect(Collectors.toUnmodifiableMap(Trunk::id, t -> t));
        this.services = new CallServices(domain, out, responder, new CallRegistry(), media, locations, byExtension,
                byId, sessionExpires, clock, new TransferTargets());
        this.dialPlan = dialPlan;
    }

    /**
     * Registers the call handlers in {@code dispatcher}, authenticating lines with {@code authenticator} and
     * recognising trunks by {@code trunkSources}.
     */
    public RequestDispatcher register(RequestDispatcher dispatcher, DigestAuthenticator authenticator,
                                      ua.vikno.pbx.sip.trunk.TrunkSources trunkSources) {
        DialogRequestHandlers dialogs = new DialogRequestHandlers(services.registry(), services.responder());
        return dispatcher.register(Request.INVITE, new InviteHandler(services, authenticator, trunkSources, dialPlan,
                        () -> Optional.ofNullable(incoming), INTERNAL_RING_TIMEOUT))
                .register(Request.ACK, dialogs.ack())
                .register(Request.BYE, dialogs.bye())
                .register(Request.CANCEL, dialogs.cancel())
                .register(Request.INFO, dialogs.info())
                .register(Request.REFER, dialogs.refer())
                .register(Request.UPDATE, dialogs.update());
    }

    /** Where responses and client timeouts go. */
    public CallRegistry registry() {
        return services.registry();
    }

    /** Starts refreshing presence from the location service; call on the engine's context. */
    public void start() {
        refreshPresence();
        presenceTimer = services.media().vertx().setPeriodic(PRESENCE_REFRESH.toMillis(), t -> refreshPresence());
    }

    /** Stops the refresh and ends every call in progress. */
    public Future<Void> stop() {
        if (presenceTimer >= 0) {
            services.media().vertx().cancelTimer(presenceTimer);
        }
        List<Future<Void>> ends = services.registry().calls().stream()
                .map(c -> c.hangup(ua.vikno.pbx.HangupCause.SYSTEM_ERROR)).toList();
        return Future.join(ends).mapEmpty();
    }

    @Override
    public void onIncomingCall(Consumer<Call> handler) {
        this.incoming = handler;
    }

    @Override
    public void onTransfer(ua.vikno.pbx.TransferHandler handler) {
        services.transfers().set(handler);
    }

    @Override
    public void onPresence(Consumer<LinePresence> listener) {
        presenceListeners.add(listener);
    }

    @Override
    public LinePresence presence(String extension) {
        return new LinePresence(extension, registered.getOrDefault(extension, false),
                services.registry().onCall(extension), services.registry().inDoNotDisturb(extension));
    }

    @Override
    public void doNotDisturb(String extension, boolean on) {
        if (services.registry().doNotDisturb(extension, on)) {
            services.out().context().runOnContext(v -> tellIfChanged(extension));
        }
    }

    @Override
    public Future<Call> originate(Destination first, String callerId, Duration ringTimeout) {
        Promise<Call> result = Promise.promise();
        services.out().context().runOnContext(v -> new Originator(services)
                .originate(first, callerId, ringTimeout).onComplete(result));
        return result.future();
    }

    /** Calls in progress, for tests and metrics. */
    public int activeCalls() {
        return services.registry().calls().size();
    }

    private void refreshPresence() {
        for (String extension : services.lines().keySet()) {
            services.locations().bindings(services.aor(extension)).onSuccess(bindings -> {
                registered.put(extension, !bindings.isEmpty());
                tellIfChanged(extension);
            });
        }
    }

    private void tellIfChanged(String extension) {
        LinePresence now = presence(extension);
        LinePresence before = lastPresence.put(extension, now);
        if (!now.equals(before)) {
            presenceListeners.forEach(l -> l.accept(now));
        }
    }
}
