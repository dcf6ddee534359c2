package ua.vikno.recorder.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.MediaTap;
import ua.vikno.pbx.Party;
import ua.vikno.recorder.RecorderFailure;
import ua.vikno.recorder.RecordingStore;

/**
 * One call's recording. Call events (on the call's context) start the tap and end it; a writer thread drains the
 * tap's queue into the WAV every few milliseconds and, once the tap has closed and the queue is empty, finishes the
 * file and hands it on. Opening and writing the file happen only on the writer, never on the call's context or the
 * tap's thread.
 */
public final class RecordingSession {
    private static final Logger log = LoggerFactory.getLogger(RecordingSession.class);

    /** What a session needs from the recorder around it. */
    public record Context(RecordingFiles files, RecordingStore store, ScheduledExecutorService writers,
                          int queueFrames, Duration writeEvery, long headerEveryBytes, long maxGapTicks,
                          boolean includeIvr, ua.vikno.config.Recording.Format format, RecorderStats stats) {
    }

    private final Call call;
    private final Context ctx;
    private final Instant startedAt;
    private final Outcome outcome;
    private volatile SessionState state = SessionState.WAITING;
    private volatile Optional<String> operator = Optional.empty();
    private RecordingTap tap;
    private MediaTap.Subscription subscription;
    private volatile ScheduledFuture<?> writing;
    private Path wav;
    // Owned by the writer (drain is synchronized).
    private WavWriter writer;
    private StereoAssembler assembler;
    private final List<TapFrame> batch = new ArrayList<>();

    /** How a session ends; exactly one method is called, once. */
    public interface Outcome {
        /** The call ended before anything was to be recorded. */
        void notRecorded(RecordingSession session);

        /** The WAV is complete (called on a writer thread). */
        void finished(RecordingSession session, FinishedWav wav);

        /** The WAV could not be written. */
        void failed(RecordingSession session, RecorderFailure failure);
    }

    /** @param startedAt when recording starts, if it starts (from the recorder's clock) */
    public RecordingSession(Call call, Context ctx, Instant startedAt, Outcome outcome) {
        this.call = call;
        this.ctx = ctx;
        this.startedAt = startedAt;
        this.outcome = outcome;
    }

    public String callId() {
        return call.id();
    }

    public SessionState state() {
        return state;
    }

    /** Subscribes to the call and starts at once if the call is already where recording begins. */
    public void attach() {
        call.onEvent(this::onEvent);
        switch (call.state()) {
            case BRIDGED -> onRecordable();
            case ANSWERED, CONNECTING -> {
                if (ctx.includeIvr()) {
                    onRecordable();
                }
            }
            case ENDED -> onEnded();
            case OFFERED -> { }
        }
    }

    void onEvent(CallEvent event) {
        if (event instanceof CallEvent.Answered && ctx.includeIvr()) {
            onRecordable();
        } else if (event instanceof CallEvent.Bridged b) {
            onBridged(b.party());
        } else if (event instanceof CallEvent.Ended) {
            onEnded();
        }
    }

    private void onBridged(Party party) {
        operator = Optional.of(party.number());
        if (state == SessionState.RECORDING) {
            ctx.store().operator(call.id(), party.number()).onFailure(e -> log.atWarn().addKeyValue("call", call.id())
                    .log("cannot note the operator of the recording: {}", e.toString()));
        }
        onRecordable();
    }

    /** Starts the tap. The recording's final path goes into the call's notes now, so the call record has it. */
    private void onRecordable() {
        if (state != SessionState.WAITING) {
            return;
        }
        wav = ctx.files().unfinished(call.id(), startedAt);
        Path stored = ctx.files().stored(wav, ctx.format());
        call.notes().put(CallNotes.RECORDING, ctx.files().relative(stored));
        tap = new RecordingTap(ctx.queueFrames(), new RecordingTap.Listener() {
            @Override
            public void onDropped(long droppedSoFar) {
                log.atWarn().addKeyValue("call", call.id()).addKeyValue("dropped", droppedSoFar)
                        .log("recorder falls behind: frames dropped (written as silence)");
            }

            @Override
            public void onClosed() {
                wake();
            }
        });
        state = SessionState.RECORDING;
        writing = ctx.writers().scheduleWithFixedDelay(this::drain, ctx.writeEvery().toMillis(),
                ctx.writeEvery().toMillis(), TimeUnit.MILLISECONDS);
        subscription = call.tap(tap);
        ctx.store().begin(call.id(), call.caller().number(), call.dialled(), startedAt, ctx.files().relative(wav))
                .compose(v -> operator.map(o -> ctx.store().operator(call.id(), o)).orElse(Future.succeededFuture()))
                .onFailure(e -> log.atWarn().addKeyValue("call", call.id())
                        .log("cannot note the recording in Redis: {}", e.toString()));
        log.atInfo().addKeyValue("call", call.id()).addKeyValue("wav", ctx.files().relative(wav)).log("recording");
    }

    private void onEnded() {
        if (state == SessionState.WAITING) {
            state = SessionState.NOT_RECORDED;
            outcome.notRecorded(this);
            return;
        }
        stop();
    }

    /**
     * Ends the tap (the call ended, or the recorder closes); the writer finishes the file. A session not yet
     * recording ends unrecorded. Idempotent.
     */
    public void stop() {
        if (state == SessionState.WAITING) {
            state = SessionState.NOT_RECORDED;
            outcome.notRecorded(this);
            return;
        }
        if (subscription != null) {
            subscription.close();
        }
        if (tap != null) {
            tap.stop();
        }
    }

    private void wake() {
        try {
            ctx.writers().execute(this::drain);
        } catch (RejectedExecutionException e) {
            drain(); // the recorder is closing: finish the file here
        }
    }

    /** Writes queued frames; finishes the file once the tap is closed and drained. Runs on a writer. */
    synchronized void drain() {
        if (state != SessionState.RECORDING) {
            return;
        }
        try {
            if (writer == null) {
                writer = WavWriter.create(wav, ctx.headerEveryBytes());
                assembler = new StereoAssembler(writer, ctx.maxGapTicks());
            }
            boolean closed = tap.closed();
            tap.drainTo(batch);
            for (TapFrame f : batch) {
                assembler.accept(f);
            }
            batch.clear();
            if (closed && tap.isEmpty()) {
                finish();
            } else {
                writer.flush();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void finish() throws IOException {
        assembler.finish(tap.lastFrame());
        writer.finish();
        state = SessionState.FINISHED;
        cancelWriting();
        long dropped = tap.dropped();
        ctx.stats().dropped(dropped);
        if (dropped > 0 || assembler.lateFrames() > 0 || assembler.clippedGaps() > 0) {
            log.atWarn().addKeyValue("call", call.id()).addKeyValue("dropped", dropped)
                    .addKeyValue("late", assembler.lateFrames()).addKeyValue("clippedGaps", assembler.clippedGaps())
                    .log("recording has gaps (written as silence)");
        }
        RecordingInfo info = new RecordingInfo(call.id(), call.caller().number(), operator, call.dialled(), startedAt);
        outcome.finished(this, new FinishedWav(info, wav, writer.dataBytes()));
    }

    private void fail(Exception e) {
        state = SessionState.FAILED;
        cancelWriting();
        tap.stop();
        tap.clear();
        if (writer != null) {
            writer.close();
        }
        RecorderFailure failure = new RecorderFailure.WriteFailed(call.id(), ctx.files().relative(wav), e);
        ctx.stats().writeFailed(failure.getMessage());
        log.atWarn().addKeyValue("call", call.id()).log("recording stopped: {}", failure.getMessage());
        ctx.store().failed(call.id(), failure.getMessage()).onFailure(x -> log.atWarn().addKeyValue("call", call.id())
                .log("cannot note the failed recording in Redis: {}", x.toString()));
        outcome.failed(this, failure);
    }

    private void cancelWriting() {
        if (writing != null) {
            writing.cancel(false);
        }
    }
}
