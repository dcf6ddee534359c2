package ua.vikno.appeals;

/** Hears every appeal change of the registry, whichever node made it (from {@link AppealChange#channel}). */
public interface AppealChangeListener {
    void onChange(AppealChange change);

    /**
     * The feed was cut (Redis away) and is back: changes made meanwhile were not heard, so whatever shows appeals
     * should read them again.
     */
    default void onChangesMissed() {
    }
}
