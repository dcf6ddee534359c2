package ua.vikno.recorder.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import ua.vikno.config.Recording;
import ua.vikno.recorder.RecorderFailure;
import ua.vikno.recorder.RecordingStore;
import ua.vikno.recorder.RecordingState;
import ua.vikno.recorder.StoredRecording;
import ua.vikno.recorder.Transcoder;

/**
 * Turns finished WAVs into stored recordings on a fixed number of worker threads: encode to a partial file, verify
 * it (readable, stereo, the WAV's duration within a tolerance), move it into place, checksum it, store the metadata,
 * and only then delete the WAV. Any failure keeps the WAV, records the failure in the metadata and is counted.
 */
public final class ConversionPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConversionPool.class);

    private final ExecutorService workers;
    private final Recording.Format format;
    private final Transcoder transcoder;
    private final RecordingFiles files;
    private final RecordingStore store;
    private final Duration tolerance;
    private final RecorderStats stats;
    private final AtomicInteger backlog = new AtomicInteger();

    public ConversionPool(int workers, Recording.Format format, Transcoder transcoder, RecordingFiles files,
                          RecordingStore store, Duration tolerance, RecorderStats stats) {
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "recorder-convert-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.format = format;
        this.transcoder = transcoder;
        this.files = files;
        this.store = store;
        this.tolerance = tolerance;
        this.stats = stats;
    }

    /** Finished recordings waiting for or in conversion. */
    public int backlog() {
        return backlog.get();
    }

    public Future<StoredRecording> submit(FinishedWav wav) {
        Promise<StoredRecording> done = Promise.promise();
        backlog.incrementAndGet();
        Future<StoredRecording> result = done.future().onComplete(ar -> backlog.decrementAndGet());
        if (!run(() -> convert(wav, done))) {
            done.fail(new RecorderFailure.ConversionFailed(wav.info().callId(), wav.wav().toString(),
                    new IOException("the recorder is closed; the WAV is converted on the next start")));
        }
        return result;
    }

    private void convert(FinishedWav wav, Promise<StoredRecording> done) {
        String callId = wav.info().callId();
        long began = System.nanoTime();
        StoredRecording stored;
        try {
            stored = encodeAndVerify(wav);
        } catch (RecorderFailure f) {
            fail(wav, f, done);
            return;
        }
        long tookMs = (System.nanoTime() - began) / 1_000_000;
        store.put(stored).onComplete(ar -> {
            if (ar.failed()) {
                RecorderFailure failure = new RecorderFailure.MetadataFailed(callId, ar.cause());
                if (!run(() -> fail(wav, failure, done))) {
                    done.fail(failure); // closing: the WAV stays for the next start
                }
                return;
            }
            Runnable finish = () -> {
                if (!wav.wav().equals(files.resolve(stored.path()))) {
                    deleteQuietly(wav.wav(), callId);
                }
                log.atInfo().addKeyValue("call", callId).addKeyValue("path", stored.path())
                        .addKeyValue("audioMs", stored.duration().toMillis()).addKeyValue("convertMs", tookMs)
                        .log("recording stored");
                done.complete(stored);
            };
            if (!run(finish)) {
                done.complete(stored); // closing: the WAV stays and is converted again on the next start
            }
        });
    }

    private StoredRecording encodeAndVerify(FinishedWav wav) {
        String callId = wav.info().callId();
        Path target = files.stored(wav.wav(), format);
        Duration expected = Duration.ofMillis(WavHeader.millis(wav.dataBytes()));
        try {
            if (format == Recording.Format.WAV) {
                verify(callId, wav.wav(), expected);
                Files.move(wav.wav(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Path partial = RecordingFiles.partial(target);
                try {
                    transcoder.encode(wav.wav(), partial, format);
                } catch (IOException e) {
                    deleteQuietly(partial, callId);
                    throw new RecorderFailure.ConversionFailed(callId, files.relative(target), e);
                }
                try {
                    verify(callId, partial, expected);
                } catch (RecorderFailure f) {
                    deleteQuietly(partial, callId);
                    throw f;
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return record(wav, target, expected, RecordingState.STORED, format, Optional.empty());
        } catch (IOException e) {
            throw new RecorderFailure.ConversionFailed(callId, files.relative(target), e);
        }
    }

    private void verify(String callId, Path file, Duration expected) {
        Transcoder.Probe probe;
        try {
            probe = transcoder.probe(file);
        } catch (IOException e) {
            throw new RecorderFailure.VerificationFailed(callId, files.relative(file), "unreadable: " + e.getMessage());
        }
        if (probe.channels() != WavHeader.CHANNELS) {
            throw new RecorderFailure.VerificationFailed(callId, files.relative(file),
                    probe.channels() + " channels instead of " + WavHeader.CHANNELS);
        }
        Duration diff = probe.duration().minus(expected).abs();
        if (diff.compareTo(tolerance) > 0) {
            throw new RecorderFailure.VerificationFailed(callId, files.relative(file), "lasts "
                    + probe.duration().toMillis() + " ms instead of " + expected.toMillis() + " ms");
        }
    }

    private StoredRecording record(FinishedWav wav, Path file, Duration duration, RecordingState state,
                                   Recording.Format fileFormat, Optional<String> failure) throws IOException {
        RecordingInfo i = wav.info();
        return new StoredRecording(i.callId(), i.caller(), i.operator(), i.dialled(), i.startedAt(), duration,
                Files.size(file), fileFormat, Checksums.sha256(file), files.relative(file), state, failure);
    }

    /** Keeps the WAV, counts and logs the failure, and records it in the metadata (best effort). */
    private void fail(FinishedWav wav, RecorderFailure failure, Promise<StoredRecording> done) {
        String callId = wav.info().callId();
        stats.conversionFailed(failure.getMessage());
        log.atWarn().addKeyValue("call", callId).addKeyValue("wav", files.relative(wav.wav()))
                .log("recording not converted, WAV kept: {}", failure.getMessage());
        Future<Void> noted;
        try {
            Duration d = Duration.ofMillis(WavHeader.millis(wav.dataBytes()));
            noted = store.put(record(wav, wav.wav(), d, RecordingState.FAILED, Recording.Format.WAV,
                    Optional.of(failure.getMessage())));
        } catch (IOException e) {
            noted = Future.failedFuture(e);
        }
        noted.onComplete(ar -> {
            if (ar.failed()) {
                log.atWarn().addKeyValue("call", callId).log("cannot note the failed recording: {}",
                        ar.cause().toString());
            }
            done.fail(failure);
        });
    }

    private boolean run(Runnable task) {
        try {
            workers.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file, String callId) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.atWarn().addKeyValue("call", callId).log("cannot delete {}: {}", file, e.toString());
        }
    }

    /** Stops taking work and interrupts running conversions (their WAVs stay for the next start). Idempotent. */
    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
