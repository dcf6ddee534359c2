package ua.vikno.ivr.fake;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.pbx.AudioPrompt;

/** Prompts whose file is just their id; only the ids given exist. */
public final class FakePrompts implements Prompts {
    private final Set<String> ids;

    public FakePrompts(Set<String> ids) {
        this.ids = Set.copyOf(ids);
    }

    @Override
    public Optional<AudioPrompt> find(String id) {
        return ids.contains(id) ? Optional.of(new AudioPrompt(id, Path.of("prompts", id + ".wav"))) : Optional.empty();
    }
}
