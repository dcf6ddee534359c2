package ua.vikno.ivr.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ua.vikno.ivr.fake.FakePrompts;
import ua.vikno.ivr.prompt.UkrainianNumbers;
import ua.vikno.pbx.AudioPrompt;

class AnnouncerTest {
    static Set<String> spokenSet() {
        Set<String> ids = new HashSet<>(UkrainianNumbers.allIds());
        ids.addAll(List.of("queue-busy", "queue-position", "queue-wait", "minutes-1", "minutes-2", "minutes-5"));
        return ids;
    }

    static List<String> ids(List<AudioPrompt> prompts) {
        return prompts.stream().map(AudioPrompt::id).toList();
    }

    @Test
    void speaksPlaceAndWaitWithNumberPrompts() {
        Announcer a = Announcer.spokenOrNumbersInId(new FakePrompts(spokenSet()), Optional.of("queue-busy"));
        assertThat(ids(a.announce("dispatch", 23, Duration.ofSeconds(21 * 60 - 30))))
                .containsExactly("queue-busy", "queue-position", "number-20", "number-3",
                        "queue-wait", "number-20", "number-1f", "minutes-1");   // двадцять одна хвилина
    }

    @Test
    void roundsTheWaitUpToWholeMinutesAndSaysAtLeastOne() {
        Announcer a = Announcer.spokenOrNumbersInId(new FakePrompts(spokenSet()), Optional.empty());
        assertThat(ids(a.announce("dispatch", 1, Duration.ZERO))).endsWith("number-1f", "minutes-1");
        assertThat(ids(a.announce("dispatch", 1, Duration.ofSeconds(61)))).endsWith("number-2f", "minutes-2");
        assertThat(ids(a.announce("dispatch", 1, Duration.ofMinutes(12)))).endsWith("number-12", "minutes-5");
        assertThat(ids(a.announce("dispatch", 1, Duration.ZERO))).startsWith("queue-position");
    }

    @Test
    void withoutNumberPromptsTheNumbersTravelInTheAnnouncementsId() {
        Set<String> ids = spokenSet();
        ids.remove("number-700");
        Announcer a = Announcer.spokenOrNumbersInId(new FakePrompts(ids), Optional.of("queue-busy"));
        assertThat(ids(a.announce("dispatch", 3, Duration.ofSeconds(150))))
                .containsExactly("queue-busy;position=3;wait=3m");
    }
}
