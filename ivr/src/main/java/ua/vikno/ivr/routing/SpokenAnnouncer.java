package ua.vikno.ivr.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.ivr.prompt.UkrainianNumbers;
import ua.vikno.ivr.prompt.UkrainianNumbers.Gender;
import ua.vikno.pbx.AudioPrompt;

/**
 * A queue announcement spoken as a sequence of prompts: the queue's announcement prompt ({@code queue-busy}),
 * then "Ваше місце в черзі: три." and "Орієнтовний час очікування: дві хвилини." — {@code queue-position}, the
 * position in masculine cardinal numbers, {@code queue-wait}, the minutes in feminine numbers and
 * {@code minutes-1} / {@code minutes-2} / {@code minutes-5} ("хвилина", "хвилини", "хвилин") by the Ukrainian
 * plural rule. Minutes are rounded up, at least one.
 */
final class SpokenAnnouncer implements Announcer {
    static final String POSITION = "queue-position";
    static final String WAIT = "queue-wait";
    static final String MINUTE_ONE = "minutes-1";
    static final String MINUTES_FEW = "minutes-2";
    static final String MINUTES_MANY = "minutes-5";

    private final Prompts prompts;
    private final Optional<String> introId;

    private SpokenAnnouncer(Prompts prompts, Optional<String> introId) {
        this.prompts = prompts;
        this.introId = introId;
    }

    /** The spoken announcer when every prompt it needs exists in {@code prompts}, else empty. */
    static Optional<Announcer> ifComplete(Prompts prompts, Optional<String> introId) {
        boolean complete = Stream.concat(Stream.of(POSITION, WAIT, MINUTE_ONE, MINUTES_FEW, MINUTES_MANY),
                UkrainianNumbers.allIds().stream()).allMatch(id -> prompts.find(id).isPresent());
        return complete ? Optional.of(new SpokenAnnouncer(prompts, introId)) : Optional.empty();
    }

    @Override
    public List<AudioPrompt> announce(String queue, int position, Duration expectedWait) {
        int minutes = (int) Math.min(UkrainianNumbers.MAX, Math.max(1, (expectedWait.toSeconds() + 59) / 60));
        List<String> ids = new ArrayList<>();
        introId.ifPresent(ids::add);
        ids.add(POSITION);
        ids.addAll(UkrainianNumbers.words(position, Gender.MASCULINE));
        ids.add(WAIT);
        ids.addAll(UkrainianNumbers.words(minutes, Gender.FEMININE));
        ids.add(switch (UkrainianNumbers.pluralOf(minutes)) {
            case ONE -> MINUTE_ONE;
            case FEW -> MINUTES_FEW;
            case MANY -> MINUTES_MANY;
        });
        return ids.stream().flatMap(id -> prompts.find(id).stream()).toList();
    }
}
