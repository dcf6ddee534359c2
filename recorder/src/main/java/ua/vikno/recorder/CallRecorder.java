package ua.vikno.recorder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import ua.vikno.config.Recording;
import ua.vikno.pbx.Call;
import ua.vikno.recorder.internal.ConversionPool;
import ua.vikno.recorder.internal.FinishedWav;
import ua.vikno.recorder.internal.JaveTranscoder;
import ua.vikno.recorder.internal.RecorderStats;
import ua.vikno.recorder.internal.RecordingFiles;
import ua.vikno.recorder.internal.RecordingInfo;
import ua.vikno.recorder.internal.RecordingSession;
import ua.vikno.recorder.internal.RetentionJob;
import ua.vikno.recorder.internal.WavHeader;
import ua.vikno.recorder.internal.WavRepair;
import ua.vikno.recorder.internal.WavWriter;

/**
 * Records calls: {@link #record(Call)} taps a call when it is bridged (or answered, with {@code include-ivr}) into a
 * stereo WAV, converts it after hang-up and stores its metadata. {@link #start()} first repairs and converts what a
 * crash left, then runs retention and disk checks periodically; {@link #close()} releases it all in reverse order.
 */
public final class CallRecorder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

    private final Recording config;
    private final RecorderSettings settings;
    private final Clock clock;
    private final FreeSpace freeSpace;
    private final RecordingFiles files;
    private final RecordingStore store;
    private final RecorderStats stats = new RecorderStats();
    private final Map<String, RecordingSession> active = new ConcurrentHashMap<>();
    private final ScheduledExecutorService maintenance;
    private final ScheduledExecutorService writers;
    private final ConversionPool conversions;
    private final RetentionJob retention;
    private final AtomicBoolean diskFull = new AtomicBoolean();
    private final AtomicBoolean starting = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    public CallRecorder(Recording config, RecorderSettings settings, RecordingStore store, Transcoder transcoder,
                        Clock clock, FreeSpace freeSpace) {
        this.config = config;
        this.settings = settings;
        this.clock = clock;
        this.freeSpace = freeSpace;
        this.files = new RecordingFiles(config.directory());
        this.store = store;
        this.maintenance = threads("recorder-maintenance", 1);
        this.writers = threads("recorder-writer", settings.writerThreads());
        this.conversions = new ConversionPool(Math.max(1, config.conversionWorkers()), config.format(), transcoder,
                files, store, settings.durationTolerance(), stats);
        this.retention = new RetentionJob(store, files, clock, config.retention(), maintenance, active::containsKey);
    }

    /**
     * A recorder converting with JAVE2, measuring free space on the recording directory's file store; the store is
     * usually {@code new RedisRecordingStore(connection.async())}.
     */
    public static CallRecorder withJave(Recording config, RecorderSettings settings, RecordingStore store,
                                        Clock clock) {
        return new CallRecorder(config, settings, store, new JaveTranscoder(), clock, FreeSpace.ofFileStore());
    }

    /**
     * Repairs the WAVs a crash left and queues them for conversion, then schedules retention and disk checks.
     * Completes with the recordings found at start once they are queued (their conversion goes on).
     */
    public Future<List<Path>> start() {
        if (!config.enabled()) {
            return Future.succeededFuture(List.of());
        }
        if (!starting.compareAndSet(false, true)) {
            return Future.failedFuture(new IllegalStateException("the recorder is already started"));
        }
        Promise<List<Path>> started = Promise.promise();
        maintenance.execute(() -> {
            try {
                Files.createDirectories(files.directory());
                checkDisk();
                List<WavRepair.Found> found = new WavRepair(files, active::containsKey).run();
                for (WavRepair.Found f : found) {
                    // the store answers on Lettuce's thread: the file work of convertFound goes back to ours
                    store.get(f.callId()).otherwise(Optional.empty())
                            .onSuccess(known -> maintenance.execute(() -> convertFound(f, known)));
                }
                long disk = settings.diskCheckEvery().toMillis();
                maintenance.scheduleWithFixedDelay(this::checkDisk, disk, disk, TimeUnit.MILLISECONDS);
                long every = settings.retentionEvery().toMillis();
                maintenance.scheduleWithFixedDelay(() -> retention.run(), every, every, TimeUnit.MILLISECONDS);
                started.complete(found.stream().map(WavRepair.Found::wav).toList());
            } catch (IOException | RuntimeException e) {
                started.fail(e);
            }
        });
        return started.future();
    }

    /**
     * Records {@code call} as the configuration says. Completes when its recording is stored (empty when the call
     * ended before anything was to be recorded, or recording is disabled), or fails with a {@link RecorderFailure}.
     * Call it on the call's context, right after the call is offered.
     */
    public Future<Optional<StoredRecording>> record(Call call) {
        if (!config.enabled() || closed.get()) {
            return Future.succeededFuture(Optional.empty());
        }
        Promise<Optional<StoredRecording>> done = Promise.promise();
        RecordingSession session = new RecordingSession(call, sessionContext(), clock.instant(),
                new RecordingSession.Outcome() {
                    @Override
                    public void notRecorded(RecordingSession s) {
                        active.remove(s.callId(), s);
                        done.complete(Optional.empty());
                    }

                    @Override
                    public void finished(RecordingSession s, FinishedWav wav) {
                        active.remove(s.callId(), s);
                        if (closed.get()) {
                            log.atInfo().addKeyValue("call", s.callId())
                                    .log("recorder closing: the finished WAV is converted on the next start");
                            done.complete(Optional.empty());
                            return;
                        }
                        conversions.submit(wav).map(Optional::of).onComplete(done);
                    }

                    @Override
                    public void failed(RecordingSession s, RecorderFailure failure) {
                        active.remove(s.callId(), s);
                        done.fail(failure);
                    }
                });
        if (active.putIfAbsent(call.id(), session) != null) {
            log.atWarn().addKeyValue("call", call.id()).log("the call is already being recorded; ignored");
            return Future.succeededFuture(Optional.empty());
        }
        session.attach();
        return done.future();
    }

    /** Deletes recordings older than the retention now (it also runs periodically). */
    public Future<Integer> applyRetention() {
        return retention.run();
    }

    /** The metadata of a call's recording. */
    public Future<Optional<StoredRecording>> find(String callId) {
        return store.get(callId);
    }

    /** The recorder's health now; cheap (free space is measured periodically). */
    public RecorderHealth health() {
        return new RecorderHealth(diskFull.get(), stats.usableBytes(), settings.minFreeBytes(), active.size(),
                conversions.backlog(), stats.conversionFailures(), stats.writeFailures(), stats.droppedFrames(),
                stats.lastFailure());
    }

    /** Measures free space now and updates health; blocking, run on the maintenance thread. */
    void checkDisk() {
        try {
            long usable = freeSpace.usableBytes(files.directory());
            stats.usableBytes(usable);
            boolean full = usable < settings.minFreeBytes();
            if (diskFull.getAndSet(full) != full) {
                if (full) {
                    log.atWarn().addKeyValue("usableBytes", usable).addKeyValue("minFreeBytes", settings.minFreeBytes())
                            .log("recording disk is nearly full");
                } else {
                    log.atInfo().addKeyValue("usableBytes", usable).log("recording disk has room again");
                }
            }
        } catch (IOException | RuntimeException e) {
            log.atWarn().log("cannot measure free space of {}: {}", files.directory(), e.toString());
        }
    }

    /**
     * Stops retention and disk checks, ends every tap (their WAVs are finished and left for the next start), then
     * stops the writers and the conversions. Idempotent. Blocks up to a few seconds for the writers: call it off
     * the event loop.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        maintenance.shutdownNow();
        for (RecordingSession s : List.copyOf(active.values())) {
            try {
                s.stop();
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("call", s.callId()).log("cannot stop the recording tap: {}", e.toString());
            }
        }
        writers.shutdown();
        try {
            writers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        conversions.close();
    }

    private void convertFound(WavRepair.Found f, Optional<StoredRecording> known) {
        RecordingInfo info = known.map(k -> new RecordingInfo(f.callId(), k.caller(), k.operator(), k.dialled(),
                        k.startedAt()))
                .orElseGet(() -> new RecordingInfo(f.callId(), "", Optional.empty(), "", lastModified(f.wav())));
        conversions.submit(new FinishedWav(info, f.wav(), f.dataBytes()))
                .onFailure(e -> log.atWarn().addKeyValue("call", f.callId()).log("recording found at start not stored: {}",
                        e.getMessage()));
    }

    private Instant lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return clock.instant();
        }
    }

    private RecordingSession.Context sessionContext() {
        long headerEvery = Math.max(WavWriter.TICK_BYTES,
                settings.headerEvery().toMillis() * WavHeader.BYTE_RATE / 1000);
        long maxGapTicks = settings.maxGap().toMillis() / 20;
        return new RecordingSession.Context(files, store, writers, settings.queueFrames(), settings.writeEvery(),
                headerEvery, maxGapTicks, config.includeIvr(), config.format(), stats);
    }

    private static ScheduledExecutorService threads(String name, int count) {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(count, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }
}
