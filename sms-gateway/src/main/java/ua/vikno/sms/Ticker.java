package ua.vikno.sms;

/** A monotonic nanosecond source, injected so that rate limits can be tested with fake time. */
@FunctionalInterface
public interface Ticker {
    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
