package ua.vikno.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Call recording: where files go, their compressed format, how long they are kept, and whether
 * the IVR part and voicemail are recorded besides the conversation.
 */
public record Recording(boolean enabled, Path directory, Format format, Duration retention,
                        boolean includeIvr, int conversionWorkers) {

    /** Compressed recording formats. */
    public enum Format { MP3, OPUS, WAV }
}
