package ua.vikno.ivr.prompt;

import java.util.Optional;

import ua.vikno.pbx.AudioPrompt;

/** Prompts by their configured id, ready to play (8 kHz mono 16-bit WAV). */
public interface Prompts {

    Optional<AudioPrompt> find(String id);

    /** The prompt {@code id}; the configuration was validated, so an unknown id is a programming error. */
    default AudioPrompt get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown prompt '" + id + "'"));
    }
}
