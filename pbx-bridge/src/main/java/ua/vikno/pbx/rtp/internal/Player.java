package ua.vikno.pbx.rtp.internal;

import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import ua.vikno.pbx.rtp.MediaClock;
import ua.vikno.pbx.rtp.MediaFormat;
import ua.vikno.pbx.rtp.PlaybackEnd;
import ua.vikno.pbx.rtp.WavPrompt;

/**
 * The send side of a session: at most one {@link Playback} at a time on the shared media clock, all numbered by
 * one {@link RtpSender} so sequence numbers and timestamps continue from prompt to prompt.
 */
public final class Player {
    private final MediaClock clock;
    private final RtpSender sender;
    private final Consumer<byte[]> transmit;
    private volatile Playback current;

    public Player(MediaClock clock, RandomGenerator random, Consumer<byte[]> transmit) {
        this.clock = clock;
        this.sender = new RtpSender(random);
        this.transmit = transmit;
    }

    /** Starts {@code prompt}, stopping the one in progress; {@code onEnd} is told once how it ended. */
    public void play(WavPrompt prompt, MediaFormat format, Consumer<PlaybackEnd> onEnd) {
        Playback next = new Playback(prompt, format, sender, transmit, onEnd);
        Playback previous = current;
        current = next;
        if (previous != null) {
            previous.stop();
        }
        next.start(clock);
    }

    public void stop() {
        Playback playing = current;
        if (playing != null) {
            playing.stop();
        }
    }
}
