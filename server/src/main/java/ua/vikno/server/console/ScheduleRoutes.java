package ua.vikno.server.console;

import java.time.Clock;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import ua.vikno.ivr.schedule.ScheduleStatus;
import ua.vikno.ivr.schedule.WorkingHours;

/** {@code GET /api/schedule}: the schedule's effective state now (open or closed, why, until when). */
public final class ScheduleRoutes {
    private final WorkingHours hours;
    private final Clock clock;

    public ScheduleRoutes(WorkingHours hours, Clock clock) {
        this.hours = hours;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/api/schedule").handler(ctx -> {
            ScheduleStatus s = hours.status(clock.instant());
            ApiReplies.json(ctx, 200, new JsonObject().put("open", s.open())
                    .put("source", s.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .put("name", s.name().orElse(null)).put("zone", s.zone().getId())
                    .put("nextChange", s.nextChange().map(Object::toString).orElse(null))
                    .put("nextChangeLocal", s.nextChange().map(t -> t.atZone(s.zone()).toLocalDateTime().toString()).orElse(null))
                    .put("describe", s.describe()));
        });
    }
}
