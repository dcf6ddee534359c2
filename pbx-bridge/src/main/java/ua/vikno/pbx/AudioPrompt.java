package ua.vikno.pbx;

import java.nio.file.Path;

/**
 * Audio to play to a party: a WAV file of 8 kHz mono 16-bit PCM (the IVR converts other formats first).
 *
 * @param id a name for logs and call records, e.g. {@code greeting-working}
 */
public record AudioPrompt(String id, Path file) {
}
