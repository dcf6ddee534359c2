package ua.vikno.ivr.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import io.vertx.core.Future;

/**
 * What a flow asks before it branches: the {@link WorkingHours} at the clock's now, unless an unexpired
 * {@link ScheduleOverride} says otherwise.
 */
public final class ScheduleGate {
    private final Supplier<WorkingHours> hours;
    private final OverrideStore overrides;
    private final Clock clock;

    public ScheduleGate(WorkingHours hours, OverrideStore overrides, Clock clock) {
        this(() -> hours, overrides, clock);
    }

    /** @param hours the working hours in force, asked at every check (an administrator may edit them) */
    public ScheduleGate(Supplier<WorkingHours> hours, OverrideStore overrides, Clock clock) {
        this.hours = hours;
        this.overrides = overrides;
        this.clock = clock;
    }

    /** The status now. */
    public Future<ScheduleStatus> now() {
        return at(clock.instant());
    }

    /** The status at {@code at}, the override included. */
    public Future<ScheduleStatus> at(Instant at) {
        return overrides.current().map(o -> o.filter(v -> v.activeAt(at))
                .map(v -> overridden(at, v))
                .orElseGet(() -> hours.get().status(at)));
    }

    private ScheduleStatus overridden(Instant at, ScheduleOverride o) {
        ScheduleStatus plain = hours.get().status(at);
        return new ScheduleStatus(at, plain.zone(), o.state(), ScheduleStatus.Source.OVERRIDE,
                Optional.of(o.reason()), o.prompt(), Optional.of(o.expiresAt()));
    }
}
