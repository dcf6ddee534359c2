package ua.vikno.ivr.routing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.pbx.AudioPrompt;

/** Turns a queue caller's position and expected wait into prompts to play. */
public interface Announcer {

    List<AudioPrompt> announce(String queue, int position, Duration expectedWait);

    /**
     * The announcement spoken with number prompts ({@link SpokenAnnouncer}) when the prompt set has them all,
     * else {@link #withNumbersInId}.
     */
    static Announcer spokenOrNumbersInId(Prompts prompts, Optional<String> promptId) {
        return SpokenAnnouncer.ifComplete(prompts, promptId).orElseGet(() -> withNumbersInId(prompts, promptId));
    }

    /**
     * The announcement as one prompt: the configured announcement prompt's audio, with the numbers in its id
     * ({@code queue-busy;position=3;wait=2m}): for a prompt set without number prompts.
     */
    static Announcer withNumbersInId(Prompts prompts, Optional<String> promptId) {
        return (queue, position, wait) -> promptId.flatMap(prompts::find)
                .map(p -> List.of(new AudioPrompt(p.id() + ";position=" + position + ";wait="
                        + Math.max(1, (wait.toSeconds() + 59) / 60) + "m", p.file())))
                .orElse(List.of());
    }
}
