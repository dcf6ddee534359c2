package ua.vikno.pbx.rtp;

/** A monotonic time source in nanoseconds, injected so tests can move time by hand. */
@FunctionalInterface
public interface Ticker {
    long nanos();

    /** {@link System#nanoTime()}. */
    static Ticker system() {
        return System::nanoTime;
    }
}
