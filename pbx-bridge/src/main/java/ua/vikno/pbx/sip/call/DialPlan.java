package ua.vikno.pbx.sip.call;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import ua.vikno.config.Trunk;

/**
 * What a line's dialled number means when it is not another line's extension: one of our dialled numbers (DIDs),
 * a feature code ({@code *...}) or anything else goes to the incoming-call handler; an external number (5 to 15
 * digits, optionally after {@code +}) leaves through the outbound trunk, the first trunk of the configuration,
 * if the line may dial out. Calls from trunks never consult it: a resident cannot call out through us.
 *
 * @param dialledNumbers our own numbers, which are never external
 * @param outbound       the trunk external numbers leave through; empty when there is no trunk
 */
public record DialPlan(Set<String> dialledNumbers, Optional<Trunk> outbound) {
    private static final Pattern EXTERNAL = Pattern.compile("\\+?[0-9]{5,15}");

    public DialPlan {
        dialledNumbers = Set.copyOf(dialledNumbers);
    }

    /** Our {@code numbers}, and the first of {@code trunks} (in configuration order) for dialling out. */
    public static DialPlan of(Collection<String> numbers, List<Trunk> trunks) {
        return new DialPlan(Set.copyOf(numbers), trunks.stream().findFirst());
    }

    /** Whether a line dialling {@code dialled} (not an extension) means a number outside. */
    public boolean external(String dialled) {
        return !dialledNumbers.contains(dialled) && EXTERNAL.matcher(dialled).matches();
    }
}
