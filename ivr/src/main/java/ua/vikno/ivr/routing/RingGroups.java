package ua.vikno.ivr.routing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import ua.vikno.config.ViknoConfig;

/** One {@link RingGroup} per configured department, each with its own strategy state. */
public final class RingGroups {
    private final Map<String, RingGroup> groups = new ConcurrentHashMap<>();

    public RingGroups(ViknoConfig config, OperatorAvailability availability) {
        config.departments().forEach((id, d) -> groups.put(id,
                new RingGroup(d, RingStrategy.of(d.strategy(), d.members(), availability), availability)));
    }

    public Optional<RingGroup> group(String department) {
        return Optional.ofNullable(groups.get(department));
    }
}
