package ua.vikno.pbx;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Ring one or more destinations at once and bridge the caller to the first that answers (a ring-all group
 * rings several; round robin rings one at a time by repeated requests).
 *
 * @param ringTimeout how long to ring before giving up with {@link HangupCause#NO_ANSWER}
 * @param whileRinging what the caller hears meanwhile: hold music, or empty for ringback
 * @param callerId     the number the destination sees, when not the caller's own
 */
public record ConnectRequest(List<Destination> destinations, Duration ringTimeout, Optional<AudioPrompt> whileRinging,
                             Optional<String> callerId) {
    public ConnectRequest {
        destinations = List.copyOf(destinations);
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException("a connect request needs at least one destination");
        }
    }
}
