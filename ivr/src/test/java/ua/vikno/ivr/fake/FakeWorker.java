package ua.vikno.ivr.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import ua.vikno.ivr.prompt.Worker;

/** A {@link Worker} whose jobs wait until the test runs them, as a worker thread would run them later. */
public final class FakeWorker implements Worker {
    private final List<Runnable> jobs = new ArrayList<>();

    @Override
    public <T> Future<T> run(Callable<T> work) {
        Promise<T> promise = Promise.promise();
        jobs.add(() -> {
            try {
                promise.complete(work.call());
            } catch (Exception e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    /** How many jobs wait. */
    public int pending() {
        return jobs.size();
    }

    /** Runs the waiting jobs, and those they give in turn. */
    public void runAll() {
        while (!jobs.isEmpty()) {
            jobs.remove(0).run();
        }
    }
}
