package ua.vikno.config;

import java.time.Duration;
import java.util.Optional;

/**
 * A queue in front of a department: hold music, position announcements, a maximum wait with a fallback,
 * and an optional key that asks for a call-back instead of waiting.
 *
 * @param callbackExpiry how long after it was asked for a call-back not yet made is dropped ({@code 4h})
 */
public record CallQueue(String id, String name, String department, Optional<String> holdMusic,
                        Duration announceEvery, Duration maxWait, Target fallback,
                        Optional<Character> callbackKey, Duration callbackExpiry) {
}
