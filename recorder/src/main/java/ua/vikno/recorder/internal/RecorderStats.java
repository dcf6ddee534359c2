package ua.vikno.recorder.internal;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters behind the recorder's health, updated from writers, converters and taps. */
public final class RecorderStats {
    private final AtomicLong conversionFailures = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicLong droppedFrames = new AtomicLong();
    private final AtomicLong usableBytes = new AtomicLong(Long.MAX_VALUE);
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    public void conversionFailed(String what) {
        conversionFailures.incrementAndGet();
        lastFailure.set(what);
    }

    public void writeFailed(String what) {
        writeFailures.incrementAndGet();
        lastFailure.set(what);
    }

    public void dropped(long frames) {
        droppedFrames.addAndGet(frames);
    }

    public void usableBytes(long bytes) {
        usableBytes.set(bytes);
    }

    public long conversionFailures() {
        return conversionFailures.get();
    }

    public long writeFailures() {
        return writeFailures.get();
    }

    public long droppedFrames() {
        return droppedFrames.get();
    }

    public long usableBytes() {
        return usableBytes.get();
    }

    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }
}
