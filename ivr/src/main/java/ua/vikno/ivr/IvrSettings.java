package ua.vikno.ivr;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The IVR's own settings that the configuration file does not carry (yet).
 *
 * @param interDigitTimeout   how long a menu waits for the next digit of a directly dialled extension (2 s)
 * @param lineRingTimeout     how long a single line target rings (20 s)
 * @param externalRingTimeout how long an external number or a call-back leg rings (30 s)
 * @param voicemailDirectory  where voice messages are written, one folder per box
 * @param beepPrompt          played before a voice message is recorded ({@code beep})
 * @param goodbyePrompt       played before Vikno hangs up after a voicemail ({@code goodbye})
 * @param callbackPrompt      confirms a queue call-back request before Vikno hangs up ({@code callback-confirmed};
 *                            {@code goodbyePrompt} when the prompt set has no such prompt)
 * @param refusedPrompt       played when a target cannot be reached and nothing follows ({@code refused})
 * @param announcementPrompt  the queue's position and expected-wait announcement ({@code queue-busy})
 * @param waitPerCaller       the first guess of a queue's wait per caller ahead, before any was measured (1 min)
 * @param maxHops             how many targets one call may pass through before Vikno gives up (a config cycle)
 * @param minMessageLength    the shortest voice message kept as a voicemail (0.5 s); a shorter one is no message
 * @param callbackRetries     how many more times a queue call-back is placed when the resident does not answer (2)
 * @param callbackRetryDelay  how long after an unanswered call-back the next attempt is made (3 min)
 * @param callbackOperatorMisses how many operators in a row not answering a call-back use up one of its attempts (3)
 * @param callbackHoursRecheck the longest a call-back held outside working hours waits before the schedule is asked
 *                            again, besides the schedule's own next change: an override may be set or lifted at any
 *                            time (5 min)
 */
public record IvrSettings(Duration interDigitTimeout, Duration lineRingTimeout, Duration externalRingTimeout,
                          Path voicemailDirectory, Optional<String> beepPrompt, Optional<String> goodbyePrompt,
                          Optional<String> callbackPrompt,
                          Optional<String> refusedPrompt, Optional<String> announcementPrompt,
                          Duration waitPerCaller, int maxHops, Duration minMessageLength, int callbackRetries,
                          Duration callbackRetryDelay, int callbackOperatorMisses, Duration callbackHoursRecheck) {

    /** The defaults above, with voice messages under {@code voicemailDirectory}. */
    public static IvrSettings defaults(Path voicemailDirectory) {
        return new IvrSettings(Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofSeconds(30),
                voicemailDirectory, Optional.of("beep"), Optional.of("goodbye"), Optional.of("callback-confirmed"),
                Optional.of("refused"), Optional.of("queue-busy"), Duration.ofMinutes(1), 12,
                Duration.ofMillis(500), 2, Duration.ofMinutes(3), 3, Duration.ofMinutes(5));
    }
}
