package ua.vikno.ivr.menu;

/** Where a caller is in a voice menu ({@link MenuSession} owns the transitions). */
public enum MenuState {
    /** The menu's prompt is playing; a digit interrupts it and counts as the choice. */
    PROMPTING,
    /** The invalid-input or no-input prompt is playing; the menu's prompt follows. */
    NOTIFYING,
    /** The prompt has ended; waiting for a digit until the menu's timeout. */
    WAITING,
    /** Digits of a directly dialled extension are coming, each within the inter-digit timeout. */
    COLLECTING,
    /** A target was chosen (an option, the operator, an extension, or the on-exhausted target). */
    CHOSEN,
    /** The caller hung up in the menu. */
    ABANDONED
}
