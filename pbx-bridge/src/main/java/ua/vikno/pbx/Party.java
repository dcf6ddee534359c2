package ua.vikno.pbx;

import java.util.Optional;

/**
 * One end of a call: a resident reached through a trunk, or an internal line.
 *
 * @param number   the caller's number in E.164 when it came from a trunk (+380...), or the extension of a line
 * @param name     the display name, when known
 * @param line     whether this party is an internal line (an extension of the configuration)
 */
public record Party(String number, Optional<String> name, boolean line) {

    public static Party resident(String number) {
        return new Party(number, Optional.empty(), false);
    }

    public static Party line(String extension, String name) {
        return new Party(extension, Optional.ofNullable(name), true);
    }
}
