package ua.vikno.ivr.schedule;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.Future;

/** An {@link OverrideStore} in memory: for tests and a single node without Redis. */
public final class InMemoryOverrideStore implements OverrideStore {
    private final AtomicReference<Optional<ScheduleOverride>> current = new AtomicReference<>(Optional.empty());

    @Override
    public Future<Optional<ScheduleOverride>> current() {
        return Future.succeededFuture(current.get());
    }

    @Override
    public Future<Void> set(ScheduleOverride override) {
        current.set(Optional.of(override));
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> clear() {
        current.set(Optional.empty());
        return Future.succeededFuture();
    }
}
