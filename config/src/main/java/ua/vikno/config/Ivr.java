package ua.vikno.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Voice menus and entry flows. A flow answers a dialled number and branches on the schedule;
 * a menu plays a prompt and maps DTMF digits to targets.
 *
 * @param operator the target of {@code 0} from any menu
 */
public record Ivr(Map<String, Flow> flows, Map<String, Menu> menus, Target operator) {

    /** An entry flow: what callers hear and where they go in working and in non-working hours. */
    public record Flow(String id, Branch open, Branch closed) {
    }

    /** A greeting (optional) and the target that follows it. */
    public record Branch(Optional<String> greeting, Target then) {
    }

    /**
     * A voice menu.
     *
     * @param retries     how many times the prompt is repeated after no or invalid input
     * @param onExhausted where the caller goes when retries run out
     * @param directDial  whether an internal extension may be dialled from this menu
     */
    public record Menu(String id, String name, String prompt, Duration timeout, int retries,
                       Optional<String> invalidPrompt, Optional<String> timeoutPrompt, Target onExhausted,
                       Map<Character, Option> options, boolean directDial) {
    }

    /** A menu option: the digit, a label for the call record (for example "hot water") and its target. */
    public record Option(char digit, String label, Target target) {
    }
}
