package ua.vikno.supervisor;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ua.vikno.pbx.AudioInjection;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Leg;
import ua.vikno.pbx.MediaTap;
import ua.vikno.supervisor.internal.Mixer;

/**
 * A supervisor on a live call. Both legs of the monitored call are mixed into what the supervisor hears;
 * what the supervisor says goes nowhere (listen), to the operator only (whisper), or to both (barge).
 * The monitored parties get no sign of it. Keys 4, 5, 6 on the supervisor's phone switch mode. Audio is
 * injected only toward the parties the supervisor speaks to, and only while the mode says so: a call that is
 * only listened to keeps its plain packet relay (an injection makes the engine mix and encode that leg). The
 * session ends when either call ends; closing is idempotent and releases in reverse order.
 */
public final class MonitorSession {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorSession.class);
    private static final int FRAME = 160;

    private final Call supervisor;
    private final Call monitored;
    private volatile MonitorMode mode;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private AudioInjection toSupervisor;
    private volatile AudioInjection toOperator;
    private volatile AudioInjection toResident;
    private boolean closed;

    MonitorSession(Call supervisor, Call monitored, MonitorMode mode) {
        this.supervisor = supervisor;
        this.monitored = monitored;
        this.mode = mode;
    }

    /** Starts the media paths and event handling. */
    synchronized MonitorSession start() {
        toSupervisor = hold(supervisor.inject(Leg.CALLER));
        injectFor(mode);
        hold(monitored.tap(new BothLegs()));
        hold(supervisor.tap(new SupervisorVoice()));
        monitored.onEvent(e -> {
            if (e instanceof CallEvent.Ended) {
                close();
                supervisor.hangup(HangupCause.NORMAL);
            }
        });
        supervisor.onEvent(e -> {
            if (e instanceof CallEvent.Digit d) {
                MonitorMode.ofKey(d.digit()).ifPresent(this::switchTo);
            } else if (e instanceof CallEvent.Ended) {
                close();
            }
        });
        log("started");
        return this;
    }

    public MonitorMode mode() {
        return mode;
    }

    public Call monitoredCall() {
        return monitored;
    }

    public synchronized void switchTo(MonitorMode next) {
        if (next != mode && !closed) {
            mode = next;
            injectFor(next);
            log("switched");
        }
    }

    /** Opens the injections {@code m} speaks into and closes the others. */
    private void injectFor(MonitorMode m) {
        boolean operator = m != MonitorMode.LISTEN;
        boolean resident = m == MonitorMode.BARGE;
        if (operator && toOperator == null) {
            toOperator = monitored.inject(Leg.CALLEE);
        } else if (!operator && toOperator != null) {
            toOperator.close();
            toOperator = null;
        }
        if (resident && toResident == null) {
            toResident = monitored.inject(Leg.CALLER);
        } else if (!resident && toResident != null) {
            toResident.close();
            toResident = null;
        }
    }

    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        injectFor(MonitorMode.LISTEN);
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.atWarn().addKeyValue("call", monitored.id()).log("closing a monitoring resource failed: {}", e.toString());
            }
        }
        log("ended");
    }

    private <T extends AutoCloseable> T hold(T resource) {
        resources.add(resource);
        return resource;
    }

    private void log(String what) {
        LOG.atInfo().addKeyValue("call", monitored.id()).addKeyValue("supervisor", supervisor.caller().number())
                .addKeyValue("mode", mode.name().toLowerCase(java.util.Locale.ROOT)).log("monitoring {}", what);
    }

    /** Mixes the monitored call's two legs of each tick into one frame for the supervisor. */
    private final class BothLegs implements MediaTap {
        private final short[] pending = new short[FRAME];
        private final short[] mixed = new short[FRAME];
        private long pendingFrame = -1;

        @Override
        public void onFrame(Leg leg, long frame, short[] samples) {
            if (pendingFrame == frame) {
                toSupervisor.push(Mixer.mix(pending, samples, mixed));
                pendingFrame = -1;
                return;
            }
            if (pendingFrame >= 0) {
                toSupervisor.push(pending); // the other leg of that tick never came
            }
            System.arraycopy(samples, 0, pending, 0, FRAME);
            pendingFrame = frame;
        }

        @Override
        public void onClose() {
            pendingFrame = -1;
        }
    }

    /** Routes the supervisor's voice by mode. */
    private final class SupervisorVoice implements MediaTap {
        @Override
        public void onFrame(Leg leg, long frame, short[] samples) {
            if (leg != Leg.CALLER) {
                return;
            }
            AudioInjection operator = toOperator;
            AudioInjection resident = toResident;
            if (operator != null) {
                operator.push(samples);
            }
            if (resident != null) {
                resident.push(samples);
            }
        }

        @Override
        public void onClose() {
        }
    }
}
