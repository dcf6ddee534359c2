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
     * The announcement as one prompt: the configured announcement prompt's audio, with the numbers in its id
     * ({@code queue-busy;position=3;wait=2m}) for the media layer or a later number-speaking stage to voice.
     */
    static Announcer withNumbersInId(Prompts prompts, Optional<String> promptId) {
        return (queue, position, wait) -> promptId.flatMap(prompts::find)
                .map(p -> List.of(new AudioPrompt(p.id() + ";position=" + position + ";wait="
                        + Math.max(1, (wait.toSeconds() + 59) / 60) + "m", p.file())))
                .orElse(List.of());
    }
}
