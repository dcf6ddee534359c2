package ua.vikno.pbx;

/**
 * Whether a line can take a call now: registered, not already on a call, and not in do-not-disturb.
 */
public record LinePresence(String extension, boolean registered, boolean onCall, boolean doNotDisturb) {

    public boolean available() {
        return registered && !onCall && !doNotDisturb;
    }
}
