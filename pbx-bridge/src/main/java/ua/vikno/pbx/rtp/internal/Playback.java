package ua.vikno.pbx.rtp.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import ua.vikno.pbx.rtp.MediaClock;
import ua.vikno.pbx.rtp.MediaFormat;
import ua.vikno.pbx.rtp.PlaybackEnd;
import ua.vikno.pbx.rtp.WavPrompt;

/**
 * One prompt being played: on each media clock tick, take the next 20 ms frame, encoded once per prompt, and hand the RTP packet to the
 * transmitter. Ends once, either after the last frame or when stopped, and then leaves the clock.
 */
public final class Playback implements MediaClock.Subscriber {
    private final WavPrompt prompt;
    private final MediaFormat format;
    private final RtpSender sender;
    private final Consumer<byte[]> transmit;
    private final Consumer<PlaybackEnd> onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile MediaClock.Subscription subscription;
    private int nextFrame;

    public Playback(WavPrompt prompt, MediaFormat format, RtpSender sender, Consumer<byte[]> transmit,
                    Consumer<PlaybackEnd> onEnd) {
        this.prompt = prompt;
        this.format = format;
        this.sender = sender;
        this.transmit = transmit;
        this.onEnd = onEnd;
    }

    /** Subscribes to {@code clock}. */
    public Playback start(MediaClock clock) {
        subscription = clock.subscribe(this, sender.ssrc());
        if (ended.get()) {
            subscription.cancel();
        }
        return this;
    }

    @Override
    public void onTick(long tick) {
        if (ended.get()) {
            return;
        }
        if (nextFrame < prompt.frameCount()) {
            byte[] payload = prompt.encodedFrame(format.codec(), nextFrame);
            transmit.accept(sender.frame(format.payloadType(), payload, nextFrame == 0, tick));
            nextFrame++;
        }
        if (nextFrame >= prompt.frameCount()) {
            end(PlaybackEnd.FINISHED);
        }
    }

    public void stop() {
        end(PlaybackEnd.STOPPED);
    }

    private void end(PlaybackEnd how) {
        if (ended.compareAndSet(false, true)) {
            MediaClock.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            onEnd.accept(how);
        }
    }

    @Override
    public String toString() {
        return "Playback[" + prompt.name() + " frame " + nextFrame + "/" + prompt.frameCount() + "]";
    }
}
