package ua.vikno.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A department: a ring group of lines with a ring strategy, a ring timeout and a fallback target. */
public record Department(String id, String name, List<String> members, RingStrategy strategy,
                         Duration ringTimeout, Optional<Target> fallback) {

    /** How the lines of a ring group are tried. */
    public enum RingStrategy {
        /** All free members ring at once; the first to answer takes the call. */
        RING_ALL,
        /** Members are tried one after another, starting after the one tried last time. */
        ROUND_ROBIN,
        /** The member whose last call ended longest ago is tried first. */
        LEAST_RECENT
    }
}
