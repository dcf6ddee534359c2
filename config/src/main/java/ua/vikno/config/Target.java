package ua.vikno.config;

/**
 * Where a call goes next: a menu, a line, a department, a queue, a voicemail box, an external number,
 * or a hang-up (optionally after a prompt, in {@code ref}).
 */
public record Target(Kind kind, String ref) {

    /** The kinds of routing target. */
    public enum Kind {
        MENU, LINE, DEPARTMENT, QUEUE, VOICEMAIL, EXTERNAL, HANGUP;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        return ref.isEmpty() ? kind.key() : kind.key() + ":" + ref;
    }
}
