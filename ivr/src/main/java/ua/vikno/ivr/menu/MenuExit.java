package ua.vikno.ivr.menu;

import ua.vikno.config.Target;

/** How a caller left the menus. */
public sealed interface MenuExit {

    /** The caller chose, or ran out of retries into, {@code target}. */
    record Chosen(Target target) implements MenuExit {
    }

    /** The caller hung up in a menu. */
    record CallerLeft() implements MenuExit {
    }
}
