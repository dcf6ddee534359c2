package ua.vikno.config;

import java.time.Duration;
import java.util.Optional;

/** A voicemail box: its intro prompt and the longest message it takes. */
public record VoicemailBox(String id, String name, String prompt, Duration maxLength,
                           Optional<String> department) {
}
