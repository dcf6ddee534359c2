package ua.vikno.ivr;

import java.time.Clock;

import ua.vikno.config.ViknoConfig;
import ua.vikno.ivr.callback.CallbackJournal;
import ua.vikno.ivr.callback.CallbackProgress;
import ua.vikno.ivr.callback.CallbackStore;
import ua.vikno.ivr.menu.MenuHandler;
import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.ivr.prompt.Worker;
import ua.vikno.ivr.routing.Announcer;
import ua.vikno.ivr.routing.CallQueues;
import ua.vikno.ivr.routing.DepartmentHandler;
import ua.vikno.ivr.routing.ExternalHandler;
import ua.vikno.ivr.routing.HangupHandler;
import ua.vikno.ivr.routing.LineHandler;
import ua.vikno.ivr.routing.OperatorAvailability;
import ua.vikno.ivr.routing.QueueHandler;
import ua.vikno.ivr.routing.DepartmentTransfers;
import ua.vikno.ivr.routing.RingGroups;
import ua.vikno.ivr.routing.TargetRouter;
import ua.vikno.ivr.routing.VoicemailHandler;
import ua.vikno.ivr.schedule.OverrideStore;
import ua.vikno.ivr.schedule.ScheduleGate;
import ua.vikno.ivr.schedule.WorkingHours;

/**
 * The IVR's object graph, built in one place: schedule, ring groups, queues, the router with one handler per
 * kind of target, and the entry flows. The server passes in the back end, time, prompts, the override store and
 * the worker for file work (deleting voice messages too short to keep).
 */
public final class IvrAssembly {
    private final ScheduleGate schedule;
    private final OperatorAvailability availability;
    private final RingGroups ringGroups;
    private final CallQueues queues;
    private final TargetRouter router;
    private final DepartmentTransfers transfers;
    private final EntryFlows flows;
    private final CallbackJournal callbacks;

    /**
     * The IVR over the configuration's own working hours and {@code overrides}, keeping call-backs in
     * {@code callbacks} and telling {@code progress} what became of them.
     */
    public IvrAssembly(ViknoConfig config, ua.vikno.pbx.Pbx pbx, Clock clock, Timers timers, Prompts prompts,
                       OverrideStore overrides, IvrSettings settings, Worker worker, CallbackStore callbacks,
                       CallbackProgress progress) {
        this(config, pbx, clock, timers, prompts, new ScheduleGate(new WorkingHours(config.schedule()), overrides, clock),
                settings, worker, callbacks, progress);
    }

    /**
     * As above, with the schedule gate the node shares (whose working hours an administrator may edit), keeping
     * call-backs in {@code callbacks} (restored by {@code queues().restore()}) and telling
     * {@code progress} what became of each attempt.
     */
    public IvrAssembly(ViknoConfig config, ua.vikno.pbx.Pbx pbx, Clock clock, Timers timers, Prompts prompts,
                       ScheduleGate schedule, IvrSettings settings, Worker worker, CallbackStore callbacks,
                       CallbackProgress progress) {
        this.schedule = schedule;
        this.callbacks = new CallbackJournal(callbacks, timers);
        this.availability = new OperatorAvailability(pbx, clock);
        this.ringGroups = new RingGroups(config, availability);
        this.queues = new CallQueues(config, ringGroups, availability, schedule, pbx, clock, timers, settings,
                prompts, Announcer.spokenOrNumbersInId(prompts, settings.announcementPrompt()), this.callbacks,
                progress);
        this.router = new TargetRouter(settings.maxHops())
                .register(new MenuHandler(config, prompts, timers, settings))
                .register(new LineHandler(config, availability, settings, prompts))
                .register(new DepartmentHandler(ringGroups, settings, prompts))
                .register(new QueueHandler(queues))
                .register(new VoicemailHandler(config.voicemail(), settings, prompts, worker))
                .register(new ExternalHandler(settings, prompts))
                .register(new HangupHandler(prompts));
        this.flows = new EntryFlows(config, schedule, prompts, router);
        this.transfers = new DepartmentTransfers(ringGroups, router,
                config.trunks().keySet().stream().sorted().findFirst());
    }

    /** Where operators' blind transfers to departments go: give it to {@code Pbx.onTransfer}. */
    public DepartmentTransfers transfers() {
        return transfers;
    }

    public EntryFlows flows() {
        return flows;
    }

    public ScheduleGate schedule() {
        return schedule;
    }

    /** Where pending call-backs are written, retried while the store refuses. */
    public CallbackJournal callbacks() {
        return callbacks;
    }

    public CallQueues queues() {
        return queues;
    }

    public RingGroups ringGroups() {
        return ringGroups;
    }

    public TargetRouter router() {
        return router;
    }
}
