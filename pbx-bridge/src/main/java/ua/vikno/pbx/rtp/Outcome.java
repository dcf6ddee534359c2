package ua.vikno.pbx.rtp;

import io.vertx.core.Future;
import java.util.function.Function;

/** The result of a decoder or a media operation: a value, or a named {@link MediaFailure}; never an exception. */
public sealed interface Outcome<T> {

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> failed(MediaFailure failure) {
        return new Failed<>(failure);
    }

    /** The value; throws {@link MediaException} when failed. */
    T value();

    /** The failure; throws {@link IllegalStateException} when successful. */
    MediaFailure failure();

    default boolean isOk() {
        return this instanceof Ok;
    }

    default <U> Outcome<U> map(Function<? super T, ? extends U> f) {
        return isOk() ? ok(f.apply(value())) : failed(failure());
    }

    default Future<T> toFuture() {
        return isOk() ? Future.succeededFuture(value()) : Future.failedFuture(new MediaException(failure()));
    }

    /** A successful outcome. */
    record Ok<T>(T value) implements Outcome<T> {
        @Override
        public MediaFailure failure() {
            throw new IllegalStateException("outcome is successful: " + value);
        }
    }

    /** A failed outcome. */
    record Failed<T>(MediaFailure failure) implements Outcome<T> {
        @Override
        public T value() {
            throw new MediaException(failure);
        }
    }
}
