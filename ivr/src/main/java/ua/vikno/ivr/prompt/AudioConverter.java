package ua.vikno.ivr.prompt;

import java.nio.file.Path;

/** Converts an audio file of any common format into 8 kHz mono 16-bit PCM WAV. Blocking. */
public interface AudioConverter {

    /**
     * Writes {@code target} from {@code source}.
     *
     * @throws ConversionFailure when the source is not audio the converter understands
     */
    void toTelephoneWav(Path source, Path target) throws ConversionFailure;

    /** The converter could not read or write the audio. */
    final class ConversionFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public ConversionFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
