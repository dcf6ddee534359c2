package ua.vikno.server.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import ua.vikno.ivr.EntryFlows;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.HangupCause;
import ua.vikno.recorder.CallRecorder;
import ua.vikno.supervisor.LiveCalls;
import ua.vikno.supervisor.MonitorRequest;
import ua.vikno.supervisor.SupervisorService;

/**
 * What happens to every call the back end offers: it is followed for supervision, recorded, and turned into an
 * appeal when it ends; a do-not-disturb code (*78, *79) switches the line, a monitoring feature code goes to the
 * supervisor service, everything else to the IVR flow
 * of the dialled number.
 */
public final class IncomingCalls {
    private static final Logger LOG = LoggerFactory.getLogger(IncomingCalls.class);

    private final EntryFlows flows;
    private final SupervisorService supervisor;
    private final LiveCalls liveCalls;
    private final LiveCallList liveList;
    private final CallRecorder recorder;
    private final AppealRegistration registration;
    private final LiveCallJournal journal;
    private final DoNotDisturbCodes doNotDisturb;

    public IncomingCalls(EntryFlows flows, SupervisorService supervisor, LiveCalls liveCalls, LiveCallList liveList,
                         CallRecorder recorder, AppealRegistration registration, LiveCallJournal journal,
                         DoNotDisturbCodes doNotDisturb) {
        this.flows = flows;
        this.supervisor = supervisor;
        this.liveCalls = liveCalls;
        this.liveList = liveList;
        this.recorder = recorder;
        this.registration = registration;
        this.journal = journal;
        this.doNotDisturb = doNotDisturb;
    }

    public void accept(Call call) {
        LOG.atInfo().addKeyValue("call", call.id()).log("incoming call from {} to {}", call.caller().number(), call.dialled());
        if (!call.caller().line()) {
            // until its appeal is stored, a crash must not lose the call: the next run makes it a missed appeal
            journal.begin(call).onFailure(e -> LOG.atWarn().addKeyValue("call", call.id())
                    .log("the call could not be noted as live: {}", e.toString()));
        }
        call.onEvent(event -> {
            if (event instanceof CallEvent.Ended ended) {
                CompletedCalls.of(ended.record()).ifPresent(registration::register);
            }
        });
        liveCalls.track(call);
        liveList.track(call);
        if (doNotDisturb.handles(call)) {
            doNotDisturb.toggle(call).onFailure(e -> failed(call, "do-not-disturb", e));
            return;
        }
        var monitor = MonitorRequest.parse(call.dialled());
        if (monitor.isPresent()) {
            supervisor.onFeatureCall(call, monitor.get())
                    .onFailure(e -> failed(call, "monitoring", e));
            return;
        }
        recorder.record(call).onFailure(e -> LOG.atWarn().addKeyValue("call", call.id())
                .log("recording failed: {}", e.toString()));
        Future<?> routed = flows.handle(call);
        routed.onFailure(e -> failed(call, "the IVR flow", e));
    }

    private static void failed(Call call, String what, Throwable e) {
        LOG.atError().addKeyValue("call", call.id()).log("{} failed: {}", what, e.toString());
        call.hangup(HangupCause.SYSTEM_ERROR);
    }
}
