package ua.vikno.ivr.prompt;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/** Runs blocking work (file I/O, JAVE2) away from the event loop; the server passes {@code vertx::executeBlocking}. */
@FunctionalInterface
public interface Worker {

    <T> Future<T> run(Callable<T> work);

    /** A worker on a plain executor (tests, tools). */
    static Worker on(Executor executor) {
        return new Worker() {
            @Override
            public <T> Future<T> run(Callable<T> work) {
                Promise<T> promise = Promise.promise();
                executor.execute(() -> {
                    try {
                        promise.complete(work.call());
                    } catch (Exception e) {
                        promise.fail(e);
                    }
                });
                return promise.future();
            }
        };
    }
}
