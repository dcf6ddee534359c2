package ua.vikno.pbx.rtp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A media clock that ticks only when a test says so, on the test's thread. */
final class ManualMediaClock implements MediaClock {
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private long tick;

    @Override
    public Subscription subscribe(Subscriber subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Ticks every subscriber at once, whatever its phase. */
    @Override
    public Subscription subscribe(Subscriber subscriber, long phase) {
        return subscribe(subscriber);
    }

    void tick(int times) {
        for (int i = 0; i < times; i++) {
            for (Subscriber s : subscribers) {
                s.onTick(tick);
            }
            tick++;
        }
    }

    int subscriberCount() {
        return subscribers.size();
    }
}
