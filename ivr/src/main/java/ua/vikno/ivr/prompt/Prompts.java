package ua.vikno.ivr.prompt;

import java.util.Optional;

import ua.vikno.pbx.AudioPrompt;

/** Prompts by their configured id, ready to play (8 kHz mono 16-bit WAV). */
public interface Prompts {

    Optional<AudioPrompt> find(String id);

    /**
     * Plays prompt {@code id} to {@code call} if there is one; an optional prompt a site left out counts as played
     * to its end.
     */
    default io.vertx.core.Future<ua.vikno.pbx.PlaybackOutcome> play(ua.vikno.pbx.Call call, String id,
                                                                   ua.vikno.pbx.PlayOptions options) {
        return find(id).map(p -> call.play(p, options))
                .orElse(io.vertx.core.Future.succeededFuture(ua.vikno.pbx.PlaybackOutcome.FINISHED));
    }

    /** The prompt {@code id}; the configuration was validated, so an unknown id is a programming error. */
    default AudioPrompt get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown prompt '" + id + "'"));
    }
}
