package ua.vikno.pbx.rtp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subscribers of a slotted clock, by slot: a subscriber stays in one slot until removed. Phased subscribers go
 * to the slot their phase names; the others are dealt round the slots in turn. Safe to change from any thread
 * while the clock's thread reads a slot.
 */
public final class TickSlots<T> {
    private final List<CopyOnWriteArrayList<T>> slots;
    private final AtomicInteger dealt = new AtomicInteger();
    private final AtomicInteger size = new AtomicInteger();

    /**
     * A subscriber added: the action that removes it (once), and whether it is the first after none, which is
     * exactly one of concurrent first additions, so that an idle clock is woken for it.
     */
    public record Added(Runnable remove, boolean first) {
    }

    public TickSlots(int count) {
        slots = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            slots.add(new CopyOnWriteArrayList<>());
        }
    }

    /** The slot {@code phase} names: its value modulo the slot count. */
    private int slotOf(long phase) {
        return (int) Math.floorMod(phase, (long) slots.size());
    }

    /** Adds {@code item} to the slot {@code phase} names. */
    public Added add(T item, long phase) {
        return add(item, slotOf(phase));
    }

    /** Adds {@code item} to the next slot in turn. */
    public Added deal(T item) {
        return add(item, Math.floorMod(dealt.getAndIncrement(), slots.size()));
    }

    private Added add(T item, int slot) {
        CopyOnWriteArrayList<T> in = slots.get(slot);
        in.add(item);
        boolean first = size.incrementAndGet() == 1;
        AtomicBoolean removed = new AtomicBoolean();
        return new Added(() -> {
            if (removed.compareAndSet(false, true) && in.remove(item)) {
                size.decrementAndGet();
            }
        }, first);
    }

    /** The subscribers of {@code slot}, a snapshot safe to iterate while others change. */
    public List<T> at(int slot) {
        return slots.get(slot);
    }

    public int size() {
        return size.get();
    }
}
