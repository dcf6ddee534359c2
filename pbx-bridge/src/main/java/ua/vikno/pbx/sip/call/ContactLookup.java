package ua.vikno.pbx.sip.call;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.config.Trunk;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Party;
import ua.vikno.pbx.sip.registrar.Binding;

/**
 * Finds where to ring the destinations of a connection attempt: the registered contacts of each line that is not
 * on a call (RFC 3261 section 10, the location service), an external number at its trunk's provider, and the cause
 * to report if there are none.
 */
final class ContactLookup {
    private static final Logger LOG = LoggerFactory.getLogger(ContactLookup.class);

    /**
     * What was found.
     *
     * @param contacts  contact URI to the callee it reaches, in the order of the destinations
     * @param ifNone    the cause when {@code contacts} is empty: BUSY if a line was on a call or in do-not-disturb,
     *                  else UNAVAILABLE
     */
    record Found(Map<String, Callee> contacts, HangupCause ifNone) {
    }

    /** Who a contact reaches: a line by extension, or an external number through a trunk. */
    record Callee(String number, Optional<Trunk> trunk) {

        static Callee line(String extension) {
            return new Callee(extension, Optional.empty());
        }

        Party party(CallServices services) {
            return trunk.isPresent() ? Party.resident(number) : services.party(number);
        }
    }

    private final CallServices services;

    ContactLookup(CallServices services) {
        this.services = services;
    }

    Future<Found> find(List<Destination> destinations) {
        boolean busy = false;
        List<Future<List<Binding>>> lookups = new ArrayList<>();
        List<String> extensions = new ArrayList<>();
        Map<String, Callee> external = new LinkedHashMap<>();
        for (Destination d : destinations) {
            if (d instanceof Destination.External number) {
                // An unknown trunk counts as unavailable, like a line with no contact.
                services.trunk(number.trunk()).ifPresent(t -> external.put(TrunkTarget.uri(number.number(), t),
                        new Callee(number.number(), Optional.of(t))));
            } else if (d instanceof Destination.Line line && services.line(line.extension()).isPresent()) {
                if (services.registry().busy(line.extension())) {
                    busy = true;
                } else {
                    extensions.add(line.extension());
                    lookups.add(services.locations().bindings(services.aor(line.extension())));
                }
            }
        }
        HangupCause ifNone = busy ? HangupCause.BUSY : HangupCause.UNAVAILABLE;
        return Future.all(lookups).transform(found -> {
            Map<String, Callee> contacts = new LinkedHashMap<>();
            if (found.succeeded()) {
                for (int i = 0; i < extensions.size(); i++) {
                    for (Binding b : found.result().<List<Binding>>resultAt(i)) {
                        contacts.putIfAbsent(b.contact(), Callee.line(extensions.get(i)));
                    }
                }
            } else {
                LOG.warn("location lookup for {} failed: {}", extensions, found.cause().toString());
            }
            contacts.putAll(external);
            return Future.succeededFuture(new Found(contacts, ifNone));
        });
    }
}
