package ua.vikno.pbx.sip.call;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import ua.vikno.pbx.PlayOptions;
import ua.vikno.pbx.PlaybackOutcome;
import ua.vikno.pbx.rtp.PlaybackEnd;
import ua.vikno.pbx.rtp.RtpSession;
import ua.vikno.pbx.rtp.WavPrompt;

/**
 * The prompt a call plays to its caller, paced by the shared media clock through the caller's RTP session:
 * one at a time, looped on request, stopped by a digit when interruptible, by another prompt, by a bridge or by
 * the end of the call. Used on the call's context.
 */
final class PromptPlayer {
    /** The prompt being played. */
    private record Playing(Promise<PlaybackOutcome> result, PlayOptions options) {
    }

    private Playing playing;

    /** Plays {@code wav} on {@code session}, stopping any prompt in progress. */
    Future<PlaybackOutcome> play(RtpSession session, WavPrompt wav, PlayOptions options) {
        if (playing != null) {
            playing.result().tryComplete(PlaybackOutcome.STOPPED);
        }
        Playing mine = new Playing(Promise.promise(), options);
        playing = mine;
        playOnce(session, wav, mine);
        return mine.result().future();
    }

    private void playOnce(RtpSession session, WavPrompt wav, Playing mine) {
        session.play(wav).onComplete(done -> {
            if (mine.result().future().isComplete()) {
                return;
            }
            boolean finished = done.succeeded() && done.result() == PlaybackEnd.FINISHED;
            if (finished && mine.options().loop() && playing == mine) {
                playOnce(session, wav, mine);
            } else {
                mine.result().tryComplete(finished ? PlaybackOutcome.FINISHED : PlaybackOutcome.STOPPED);
            }
        });
    }

    /** A digit arrived: an interruptible prompt stops with INTERRUPTED. */
    void onDigit(RtpSession session) {
        if (playing != null && playing.options().interruptible()) {
            stop(session, PlaybackOutcome.INTERRUPTED);
        }
    }

    /** Stops the prompt in progress, if any, and says {@code how} it ended. */
    void stop(RtpSession session, PlaybackOutcome how) {
        Playing current = playing;
        playing = null;
        if (current != null) {
            current.result().tryComplete(how);
            if (session != null) {
                session.stopPlayback();
            }
        }
    }
}
