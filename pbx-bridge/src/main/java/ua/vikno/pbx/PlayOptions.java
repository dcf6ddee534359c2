package ua.vikno.pbx;

/**
 * How to play a prompt.
 *
 * @param interruptible whether a DTMF digit stops the prompt (the digit is still delivered as an event)
 * @param loop          whether to repeat it until stopped (hold music)
 */
public record PlayOptions(boolean interruptible, boolean loop) {
    public static final PlayOptions ONCE = new PlayOptions(false, false);
    public static final PlayOptions UNTIL_DIGIT = new PlayOptions(true, false);
    public static final PlayOptions LOOP = new PlayOptions(false, true);
}
