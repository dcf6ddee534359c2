package ua.vikno.config.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ua.vikno.config.VoicemailBox;

/** Binds {@code voicemail}: the voicemail boxes. */
final class VoicemailBoxBinder {
    private VoicemailBoxBinder() {
    }

    static Map<String, VoicemailBox> bind(Node root, Set<String> prompts, Set<String> departments) {
        Map<String, VoicemailBox> out = new LinkedHashMap<>();
        root.named("voicemail").forEach((id, n) -> {
            String prompt = n.required("prompt");
            if (!prompt.isEmpty() && !prompts.contains(prompt)) {
                n.error("prompt", "unknown prompt '" + prompt + "'");
            }
            Optional<String> department = n.string("department");
            department.filter(d -> !departments.contains(d))
                    .ifPresent(d -> n.error("department", "unknown department '" + d + "'"));
            Duration max = n.duration("max-length", Duration.ofMinutes(2));
            out.put(id, new VoicemailBox(id, n.string("name", id), prompt, max, department));
            n.rejectUnknownKeys();
        });
        return Collections.unmodifiableMap(out);
    }
}
