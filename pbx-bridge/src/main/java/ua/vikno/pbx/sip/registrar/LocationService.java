package ua.vikno.pbx.sip.registrar;

import java.util.List;

import io.vertx.core.Future;

/**
 * The location service of RFC 3261 section 10: the current bindings of each address-of-record.
 * Bindings disappear by themselves when they expire.
 */
public interface LocationService {

    /** The bindings of {@code aor} that have not expired. */
    Future<List<Binding>> bindings(String aor);

    /** Stores {@code upserts} and removes the bindings of {@code removals} (contact URIs) of {@code aor}. */
    Future<Void> update(String aor, List<Binding> upserts, List<String> removals);
}
