package ua.vikno.ivr.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import ua.vikno.config.Department;

/**
 * The order in which a department's free members are rung: a plan of attempts, each ringing one or more lines
 * at once. One instance per department keeps the strategy's state (the round-robin position).
 */
public interface RingStrategy {

    /** The attempts for a call, given the free members in configuration order. */
    List<List<String>> plan(List<String> free);

    /** Notes that {@code extension} was rung, so the next plan starts after it where the strategy cares. */
    default void rang(String extension) {
    }

    /** A fresh strategy of {@code kind} for one department's members. */
    static RingStrategy of(Department.RingStrategy kind, List<String> members, OperatorAvailability availability) {
        return switch (kind) {
            case RING_ALL -> new RingAll();
            case ROUND_ROBIN -> new RoundRobin(members);
            case LEAST_RECENT -> new LeastRecent(availability);
        };
    }

    /** All free members ring at once. */
    final class RingAll implements RingStrategy {
        @Override
        public List<List<String>> plan(List<String> free) {
            return free.isEmpty() ? List.of() : List.of(List.copyOf(free));
        }
    }

    /** One member after another, starting after the member rung last. */
    final class RoundRobin implements RingStrategy {
        private final List<String> members;
        private int next;

        RoundRobin(List<String> members) {
            this.members = List.copyOf(members);
        }

        @Override
        public synchronized List<List<String>> plan(List<String> free) {
            List<List<String>> plan = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                String m = members.get((next + i) % members.size());
                if (free.contains(m)) {
                    plan.add(List.of(m));
                }
            }
            return plan;
        }

        @Override
        public synchronized void rang(String extension) {
            int i = members.indexOf(extension);
            if (i >= 0) {
                next = (i + 1) % members.size();
            }
        }
    }

    /** One member after another, the one whose last call ended longest ago first (ties in configuration order). */
    final class LeastRecent implements RingStrategy {
        private final OperatorAvailability availability;

        LeastRecent(OperatorAvailability availability) {
            this.availability = availability;
        }

        @Override
        public List<List<String>> plan(List<String> free) {
            List<String> order = new ArrayList<>(free);
            order.sort(Comparator.comparing(availability::lastCallEnded));
            return order.stream().map(List::of).toList();
        }
    }
}
