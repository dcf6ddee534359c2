package ua.vikno.pbx;

/**
 * A subscriber to a call's audio: every 20 ms it receives one frame of decoded 8 kHz 16-bit PCM per leg
 * (silence when that leg sent nothing), so both directions stay aligned in time. Frames arrive on one thread
 * per call in order; a listener must not block (hand heavy work, like disk writes, to a worker).
 */
public interface MediaTap {

    /**
     * One 20 ms frame of one leg.
     *
     * @param frame   monotonically increasing across the call; both legs' frames of one tick share it
     * @param samples 160 samples; the array is reused after the call returns
     */
    void onFrame(Leg leg, long frame, short[] samples);

    /** The tap is closed: the call ended or {@link Subscription#close()} was called. Called once. */
    void onClose();

    /** A running tap; closing it is idempotent. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
