package ua.vikno.pbx.sip.call;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import ua.vikno.config.Trunk;

/**
 * What a line's dialled number means: an emergency number ({@code site.emergency-numbers}) always leaves through
 * the outbound trunk, whatever the line's dial-out; otherwise, when it is not another line's extension, one of
 * our dialled numbers (DIDs), a feature code ({@code *...}) or anything else goes to the incoming-call handler; an
 * external number (5 to 15 digits, optionally after {@code +}) leaves through the outbound trunk, the first trunk
 * of the configuration, if the line may dial out. Calls from trunks never consult it: a resident cannot call out
 * through us.
 *
 * @param dialledNumbers   our own numbers, which are never external
 * @param emergencyNumbers numbers every line may call out to, dial-out or not
 * @param outbound         the trunk external and emergency numbers leave through; empty when there is no trunk
 */
public record DialPlan(Set<String> dialledNumbers, Set<String> emergencyNumbers, Optional<Trunk> outbound) {
    private static final Pattern EXTERNAL = Pattern.compile("\\+?[0-9]{5,15}");

    public DialPlan {
        dialledNumbers = Set.copyOf(dialledNumbers);
        emergencyNumbers = Set.copyOf(emergencyNumbers);
    }

    /** Our {@code numbers} and the first of {@code trunks} (in configuration order); no emergency numbers. */
    public static DialPlan of(Collection<String> numbers, List<Trunk> trunks) {
        return of(numbers, List.of(), trunks);
    }

    /** Our {@code numbers}, the site's {@code emergencyNumbers}, and the first of {@code trunks} for dialling out. */
    public static DialPlan of(Collection<String> numbers, Collection<String> emergencyNumbers, List<Trunk> trunks) {
        return new DialPlan(Set.copyOf(numbers), Set.copyOf(emergencyNumbers), trunks.stream().findFirst());
    }

    /** Whether a line dialling {@code dialled} calls an emergency service, which dial-out never restricts. */
    public boolean emergency(String dialled) {
        return emergencyNumbers.contains(dialled);
    }

    /** Whether a line dialling {@code dialled} (not an extension) means a number outside. */
    public boolean external(String dialled) {
        return !dialledNumbers.contains(dialled) && EXTERNAL.matcher(dialled).matches();
    }
}
