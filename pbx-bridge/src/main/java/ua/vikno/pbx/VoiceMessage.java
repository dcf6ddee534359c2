package ua.vikno.pbx;

import java.nio.file.Path;
import java.time.Duration;

/** A recorded voice message, and why recording stopped (finish key, maximum length, silence, hang-up). */
public record VoiceMessage(Path file, Duration length, Reason reason) {

    /** Why recording stopped. */
    public enum Reason { FINISH_KEY, MAX_LENGTH, SILENCE, HUNG_UP }
}
