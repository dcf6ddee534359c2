package ua.vikno.server.internal;

import java.nio.file.Path;
import java.util.Optional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import ua.vikno.config.Role;
import ua.vikno.config.Trunk;
import ua.vikno.config.ViknoConfig;
import ua.vikno.ivr.IvrAssembly;
import ua.vikno.ivr.IvrSettings;
import ua.vikno.ivr.VertxTimers;
import ua.vikno.ivr.callback.CallbackJournal;
import ua.vikno.ivr.routing.WaitingQueue;
import ua.vikno.pbx.AudioPrompt;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.rtp.PacingMediaClock;
import ua.vikno.pbx.rtp.RtpPortPool;
import ua.vikno.pbx.rtp.Ticker;
import ua.vikno.pbx.sip.SipEngine;
import ua.vikno.pbx.sip.call.DialPlan;
import ua.vikno.pbx.sip.SipHealth;
import ua.vikno.pbx.sip.call.SipPbx;
import ua.vikno.pbx.sip.registrar.LocationService;
import ua.vikno.pbx.sip.registrar.RedisLocationService;
import ua.vikno.pbx.sip.trunk.TrunkRegistration;
import ua.vikno.recorder.CallRecorder;
import ua.vikno.recorder.RecorderHealth;
import ua.vikno.recorder.RecorderSettings;
import ua.vikno.recorder.RedisRecordingStore;
import ua.vikno.server.Component;
import ua.vikno.server.ComponentHealth;
import ua.vikno.supervisor.LiveCalls;
import ua.vikno.supervisor.SupervisorService;

/**
 * The embedded telephony: the SIP engine (registrar and B2BUA) with RTP media on one shared media clock, and the
 * call handling built on its {@code Pbx} — IVR flows, supervision, recording and appeals.
 */
public final class SipComponent implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(SipComponent.class);
    static final String LOCATION_PREFIX = "vikno:";
    /** How long a stop waits for the appeal registrations under way; what is left waits in the spool. */
    static final Duration REGISTRATION_STOP_WAIT = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final ViknoConfig config;
    private final RedisComponent redis;
    private final IvrComponent ivr;
    private final AppealsComponent appeals;
    private final MeterRegistry registry;
    private final String node;
    private final Router router;
    private final Consumer<Call> observer;
    private final Clock clock = Clock.systemUTC();
    private PacingMediaClock mediaClock;
    private RtpPortPool ports;
    private SipEngine engine;
    private CallRecorder recorder;
    private volatile AppealRegistration registration;
    private PendingAppeals spool;
    private volatile DoNotDisturbCodes doNotDisturb;
    private String deployment;
    private volatile LocationService locations;
    private volatile CallbackJournal callbacks;
    private volatile CallbackNotes callbackNotes;

    public SipComponent(Vertx vertx, ViknoConfig config, RedisComponent redis, IvrComponent ivr,
                        AppealsComponent appeals, MeterRegistry registry, String node, Router router,
                        Consumer<Call> observer) {
        this.vertx = vertx;
        this.config = config;
        this.redis = redis;
        this.ivr = ivr;
        this.appeals = appeals;
        this.registry = registry;
        this.node = node;
        this.router = router;
        this.observer = observer;
    }

    @Override
    public String name() {
        return "sip";
    }

    /** Where the engine listens, for the ready line: {@code udp+tcp 127.0.0.1:5060 (domain vikno.local)}. */
    public String address() {
        var sip = config.network().sip();
        return String.join("+", sip.transports().stream().map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).toList())
                + " " + sip.bind() + ":" + sip.port() + " (domain " + sip.domain() + ")";
    }

    /** Do-not-disturb of the lines (after start). */
    public Optional<DoNotDisturbCodes> doNotDisturb() {
        return Optional.ofNullable(doNotDisturb);
    }

    /** The registrar's location service (where each line is registered), once started. */
    public Optional<LocationService> locations() {
        return Optional.ofNullable(locations);
    }

    @Override
    public Future<Void> start() {
        return redis.connectFailFast().compose(connection -> {
            locations = new RedisLocationService(connection, LOCATION_PREFIX, clock);
            mediaClock = new PacingMediaClock(Ticker.system()).start();
            ports = new RtpPortPool(config.network().rtp());
            List<Trunk> trunks = new ArrayList<>(config.trunks().values());
            engine = new SipEngine(config.network().sip(), config.lines(), trunks,
                    DialPlan.of(config.numbers().keySet(), config.site().emergencyNumbers(), trunks), locations,
                    new SipEngine.Media(config.network().rtp(), ports, mediaClock), clock, new SecureRandom());
            meters();
            return vertx.deployVerticle(engine);
        }).compose(id -> {
            deployment = id;
            recorder = CallRecorder.withJave(config.recording(), RecorderSettings.defaults(),
                    new RedisRecordingStore(redis.connection().async()), clock);
            return recorder.start();
        }).compose(recovered -> {
            if (!recovered.isEmpty()) {
                LOG.info("{} recordings left by a crash were repaired and queued for conversion", recovered.size());
            }
            LiveCallJournal journal = new LiveCallJournal(redis.connection().async(), node);
            spool = new PendingAppeals(vertx, config.recording().directory().resolveSibling("pending-appeals"));
            registration = new AppealRegistration(vertx, appeals.service(), journal, spool, redis::knownDown);
            // the spool before the journal: a call in both gets the appeal of its full record, not an interrupted one
            return registration.recoverSpooled()
                    .compose(waiting -> journal.recover(appeals.service(), clock.instant(), waiting))
                    .onSuccess(n -> {
                        if (n > 0) {
                            LOG.info("{} calls left live by a crash were registered as missed appeals", n);
                        }
                    })
                    .recover(e -> {
                        LOG.warn("calls left live by a crash could not be recovered now: {}", e.toString());
                        return Future.succeededFuture(0);
                    })
                    .map(n -> journal);
        }).map(journal -> {
            SipPbx pbx = engine.pbx().orElseThrow(() -> new IllegalStateException("the SIP engine serves no calls"));
            Path voicemail = config.recording().directory().resolveSibling("voicemail");
            LiveCalls live = new LiveCalls();
            LiveCallList list = new LiveCallList();
            VertxTimers timers = new VertxTimers(vertx);
            CallbackNotes notes = new CallbackNotes(CallbackNotes.Appeals.of(appeals.service()), timers,
                    config.schedule().timeZone());
            callbackNotes = notes;
            // the IVR's call-backs are followed like incoming calls: recorded, on the board, supervisable
            FollowingPbx placing = new FollowingPbx(pbx, call -> followPlaced(call, live, list, notes));
            IvrAssembly assembly = new IvrAssembly(config, placing, clock, timers, ivr.prompts(),
                    ivr.schedule(), IvrSettings.defaults(voicemail), ivr.worker(),
                    new RedisCallbackStore(redis.connection().async(), node), notes);
            callbacks = assembly.callbacks();
            assembly.queues().restore().onSuccess(n -> {
                if (n > 0) {
                    LOG.info("{} call-backs kept by a previous run are back in their queues", n);
                }
            }).onFailure(e -> LOG.warn("call-backs kept by a previous run could not be restored: {}", e.toString()));
            AudioPrompt refusal = ivr.prompts().find("refused")
                    .orElseThrow(() -> new IllegalStateException("prompts: 'refused' is needed for supervision refusals"));
            SupervisorService supervisor = new SupervisorService(
                    line -> config.line(line).map(l -> l.hasRole(Role.SUPERVISOR)).orElse(false), live, pbx, refusal,
                    Duration.ofSeconds(20));
            Gauge.builder("vikno.appeals.pending", registration, AppealRegistration::pending)
                    .description("completed calls whose appeals wait for Redis, in memory or in the spool")
                    .register(registry);
            Gauge.builder("vikno.appeals.spooled", registration, AppealRegistration::spooled)
                    .description("completed calls whose appeals wait for Redis in the pending-appeals spool on disk")
                    .register(registry);
            doNotDisturb = new DoNotDisturbCodes(pbx, redis.connection().async(),
                    ivr.prompts().find("dnd-on"), ivr.prompts().find("dnd-off"));
            doNotDisturb.restore().onFailure(e -> LOG.warn("lines in do-not-disturb could not be read from Redis: {}",
                    e.toString()));
            IncomingCalls incoming = new IncomingCalls(assembly.flows(), supervisor, live, list, recorder,
                    registration, journal, doNotDisturb);
            pbx.onTransfer(assembly.transfers());
            pbx.onIncomingCall(call -> {
                observer.accept(call);
                incoming.accept(call);
            });
            SupervisionRoutes.mount(router, supervisor, list);
            new LiveBoard(config, list, assembly.queues(), pbx, clock).mount(router);
            return null;
        });
    }

    /**
     * A call-back the IVR placed: on the supervisors' list and the live board, and recorded like an incoming call;
     * its recording, once stored, goes on the resident's call-back appeal.
     */
    private void followPlaced(Call call, LiveCalls live, LiveCallList list, CallbackNotes notes) {
        LOG.atInfo().addKeyValue("call", call.id()).log("placed call answered by line {}: followed for recording and "
                + "supervision", call.caller().number());
        live.track(call);
        list.track(call);
        recorder.record(call).onComplete(ar -> {
            if (ar.failed()) {
                LOG.atWarn().addKeyValue("call", call.id()).log("recording failed: {}", ar.cause().toString());
                return;
            }
            Optional<String> resident = call.notes().get(WaitingQueue.CALLBACK_FOR_NOTE);
            ar.result().ifPresent(stored -> resident.ifPresent(callId -> notes.recording(callId, stored.path())));
        });
    }

    private void meters() {
        FunctionCounter.builder("vikno.sip.auth.failures", engine, SipEngine::authFailures)
                .description("failed digest authentications").register(registry);
        FunctionCounter.builder("vikno.sip.auth.lockouts", engine, SipEngine::authLockouts)
                .description("lines at a source address, or whole addresses, locked out after repeated failed"
                        + " authentications").register(registry);
        for (Trunk trunk : config.trunks().values()) {
            if (trunk.mode() == Trunk.Mode.REGISTER) {
                Gauge.builder("vikno.sip.trunk.registered", engine, e -> registered(e, trunk.id()) ? 1 : 0)
                        .tag("trunk", trunk.id())
                        .description("1 while the registration with the trunk's provider is in force").register(registry);
            }
        }
    }

    private boolean registered(SipEngine engine, String trunk) {
        return engine.trunkRegistrations().stream()
                .anyMatch(t -> t.trunk().equals(trunk) && t.bound(clock.instant()));
    }

    @Override
    public Future<Void> stop() {
        CallbackJournal pending = callbacks;
        if (pending != null) {
            pending.stop();
        }
        CallbackNotes notes = callbackNotes;
        if (notes != null) {
            notes.stop();
        }
        AppealRegistration appealsWaiting = registration;
        if (appealsWaiting != null) {
            appealsWaiting.onStopping(); // the calls the undeployment ends go to disk at once
        }
        Future<Void> undeployed = deployment == null ? Future.succeededFuture() : vertx.undeploy(deployment).otherwiseEmpty();
        deployment = null;
        return undeployed.compose(v -> appealsWaiting == null ? Future.<Void>succeededFuture()
                : appealsWaiting.stop(REGISTRATION_STOP_WAIT)).compose(v -> {
            PendingAppeals s = spool;
            spool = null;
            if (s != null) {
                s.close();
            }
            CallRecorder r = recorder;
            recorder = null;
            return r == null ? Future.<Void>succeededFuture()
                    : vertx.<Void>executeBlocking(() -> {
                        r.close();
                        return null;
                    }, false).otherwiseEmpty();
        }).onComplete(ar -> {
            if (mediaClock != null) {
                mediaClock.close();
                mediaClock = null;
            }
        });
    }

    @Override
    public Future<ComponentHealth> health() {
        if (engine == null) {
            return Future.succeededFuture(ComponentHealth.down(Map.of("error", "not started")));
        }
        SipHealth h = engine.health();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("listening", String.join(", ", h.listeningPoints()));
        AppealRegistration appealsWaiting = registration;
        if (appealsWaiting != null && appealsWaiting.pending() > 0) {
            details.put("appealsWaitingForRedis", appealsWaiting.pending());
            details.put("appealsSpooled", appealsWaiting.spooled());
        }
        details.put("domain", config.network().sip().domain());
        details.put("lockedOutAddresses", h.authLockouts());
        Map<String, String> trunks = new LinkedHashMap<>();
        for (TrunkRegistration.Status t : engine.trunkRegistrations()) {
            trunks.put(t.trunk(), t.state().name().toLowerCase(java.util.Locale.ROOT)
                    + t.expiresAt().map(at -> " until " + at).orElse("")
                    + t.lastFailure().map(f -> ": " + f).orElse(""));
        }
        if (!trunks.isEmpty()) {
            details.put("trunkRegistrations", trunks);
        }
        boolean up = h.status() == SipHealth.Status.UP;
        if (recorder != null) {
            RecorderHealth r = recorder.health();
            details.put("recording", r.ok() ? "ok" : "failing: " + r.lastFailure().orElse(r.diskFull() ? "disk full" : "?"));
            details.put("activeRecordings", r.activeRecordings());
            details.put("conversionBacklog", r.conversionBacklog());
            up &= !r.diskFull();
        }
        return Future.succeededFuture(up ? ComponentHealth.up(details) : ComponentHealth.down(details));
    }

}
