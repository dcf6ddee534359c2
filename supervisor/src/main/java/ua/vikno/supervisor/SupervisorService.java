package ua.vikno.supervisor;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import ua.vikno.pbx.AudioPrompt;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Pbx;
import ua.vikno.pbx.PlayOptions;

/**
 * Opens monitoring sessions, from a supervisor's phone (feature codes) or from the console (Vikno first calls
 * the supervisor's line). Only lines with the supervisor role may monitor; others hear a refusal.
 */
public final class SupervisorService {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisorService.class);

    private final Predicate<String> isSupervisorLine;
    private final LiveCalls liveCalls;
    private final Pbx pbx;
    private final AudioPrompt refusal;
    private final Duration ringTimeout;

    /**
     * @param isSupervisorLine whether a line (extension) has the supervisor role
     * @param refusal          what a refused caller hears before Vikno hangs up
     */
    public SupervisorService(Predicate<String> isSupervisorLine, LiveCalls liveCalls, Pbx pbx, AudioPrompt refusal,
                             Duration ringTimeout) {
        this.isSupervisorLine = isSupervisorLine;
        this.liveCalls = liveCalls;
        this.pbx = pbx;
        this.refusal = refusal;
        this.ringTimeout = ringTimeout;
    }

    /** Why {@code supervisorLine} may not open {@code request} now, if it may not. */
    public Optional<MonitorRefusal> check(String supervisorLine, MonitorRequest request) {
        if (!isSupervisorLine.test(supervisorLine)) {
            return Optional.of(MonitorRefusal.NOT_A_SUPERVISOR);
        }
        if (supervisorLine.equals(request.line())) {
            return Optional.of(MonitorRefusal.OWN_LINE);
        }
        if (liveCalls.callOf(request.line()).isEmpty()) {
            return Optional.of(MonitorRefusal.NO_LIVE_CALL);
        }
        return Optional.empty();
    }

    /**
     * Handles a call that dialled a monitoring feature code: answers it and starts the session, or plays the
     * refusal and hangs up. The future tells which.
     */
    public Future<MonitorOutcome> onFeatureCall(Call supervisorCall, MonitorRequest request) {
        String from = supervisorCall.caller().number();
        Optional<MonitorRefusal> refused = supervisorCall.caller().line() ? check(from, request)
                : Optional.of(MonitorRefusal.NOT_A_SUPERVISOR);
        if (refused.isPresent()) {
            LOG.atWarn().addKeyValue("call", supervisorCall.id()).log("monitoring of line {} refused for {}: {}",
                    request.line(), from, refused.get());
            return supervisorCall.answer()
                    .compose(v -> supervisorCall.play(refusal, PlayOptions.ONCE))
                    .transform(ar -> supervisorCall.hangup(HangupCause.REJECTED))
                    .map(v -> new MonitorOutcome.Refused(refused.get()));
        }
        Call monitored = liveCalls.callOf(request.line()).orElseThrow();
        return supervisorCall.answer().map(v -> new MonitorOutcome.Started(
                new MonitorSession(supervisorCall, monitored, request.mode()).start()));
    }

    /** Starts a session from the console: calls the supervisor's line first, then monitors. */
    public Future<MonitorOutcome> startFromConsole(String supervisorLine, MonitorRequest request) {
        Optional<MonitorRefusal> refused = check(supervisorLine, request);
        if (refused.isPresent()) {
            return Future.succeededFuture(new MonitorOutcome.Refused(refused.get()));
        }
        return pbx.originate(new Destination.Line(supervisorLine), request.mode().featureCode() + request.line(), ringTimeout)
                .map(call -> {
                    Optional<Call> monitored = liveCalls.callOf(request.line());
                    if (monitored.isEmpty()) {
                        call.hangup(HangupCause.NORMAL);
                        return (MonitorOutcome) new MonitorOutcome.Refused(MonitorRefusal.NO_LIVE_CALL);
                    }
                    return (MonitorOutcome) new MonitorOutcome.Started(new MonitorSession(call, monitored.get(), request.mode()).start());
                })
                .recover(e -> Future.succeededFuture(new MonitorOutcome.Refused(MonitorRefusal.SUPERVISOR_UNREACHABLE)));
    }
}
