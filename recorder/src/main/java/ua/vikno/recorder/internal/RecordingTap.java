package ua.vikno.recorder.internal;

import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import ua.vikno.pbx.Leg;
import ua.vikno.pbx.MediaTap;

/**
 * The recorder's media tap: copies each frame into a bounded queue and returns at once. When the writer falls
 * behind and the queue is full, the frame is counted as dropped (it becomes silence in the file), so a slow disk
 * never grows memory nor blocks the tap's thread.
 */
public final class RecordingTap implements MediaTap {

    /** What the tap tells its session. */
    public interface Listener {
        /** The first frame of a run of drops, and then every {@code DROP_LOG_EVERY}-th, for a log line. */
        void onDropped(long droppedSoFar);

        /** The tap closed; no more frames will come. */
        void onClosed();
    }

    public static final long DROP_LOG_EVERY = 250;

    private final BlockingQueue<TapFrame> queue;
    private final Listener listener;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lastFrame = new AtomicLong(-1);
    private volatile boolean closed;

    public RecordingTap(int capacity, Listener listener) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.listener = listener;
    }

    @Override
    public void onFrame(Leg leg, long frame, short[] samples) {
        if (closed) {
            return;
        }
        lastFrame.accumulateAndGet(frame, Math::max);
        if (!queue.offer(new TapFrame(leg, frame, samples.clone()))) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % DROP_LOG_EVERY == 0) {
                listener.onDropped(n);
            }
        }
    }

    @Override
    public void onClose() {
        stop();
    }

    /** Stops taking frames (the call ended, or the recording failed). Idempotent; tells the listener once. */
    public void stop() {
        if (!closed) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            listener.onClosed();
        }
    }

    public boolean closed() {
        return closed;
    }

    /** Moves every queued frame to {@code into}; called by the writer. */
    public int drainTo(Collection<TapFrame> into) {
        return queue.drainTo(into);
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    public long dropped() {
        return dropped.get();
    }

    /** The highest frame number the tap has seen, queued or dropped; -1 before the first. */
    public long lastFrame() {
        return lastFrame.get();
    }

    /** Forgets queued frames (after a write failure). */
    public void clear() {
        queue.clear();
    }
}
