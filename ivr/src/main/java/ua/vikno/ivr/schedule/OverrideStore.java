package ua.vikno.ivr.schedule;

import java.util.Optional;

import io.vertx.core.Future;

/** Where the current {@link ScheduleOverride} lives (Redis in the server, memory in tests). */
public interface OverrideStore {

    /** The override last set, expired or not; the reader decides whether it still applies. */
    Future<Optional<ScheduleOverride>> current();

    Future<Void> set(ScheduleOverride override);

    Future<Void> clear();
}
