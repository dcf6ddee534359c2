package ua.vikno.pbx.sip.registrar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Steps 6 and 7 of RFC 3261 section 10.3 as a pure function: from the current bindings of an address-of-record
 * and an authorised REGISTER, either the changes to store and the bindings that result, or a refusal.
 */
public final class BindingUpdate {

    /** The result of planning an update. */
    public sealed interface Plan {
    }

    /**
     * The request is accepted.
     *
     * @param upserts   bindings to add or refresh
     * @param removals  contact URIs to remove
     * @param resulting every binding of the address-of-record once the changes are stored
     */
    public record Changes(List<Binding> upserts, List<String> removals, List<Binding> resulting) implements Plan {
    }

    /** The request is refused with this reply, and nothing changes. */
    public record Rejected(RegisterReply reply) implements Plan {
    }

    private BindingUpdate() {
    }

    public static Plan plan(String aor, List<Binding> current, RegisterRequest request, Instant now,
                            RegistrationPolicy policy) {
        Map<String, Binding> live = new LinkedHashMap<>();
        current.stream().filter(b -> !b.isExpiredAt(now)).forEach(b -> live.put(b.contact(), b));
        if (request.wildcard()) {
            return removeAll(live, request);
        }
        List<Binding> upserts = new ArrayList<>();
        List<String> removals = new ArrayList<>();
        for (ContactRequest contact : request.contacts()) {
            long seconds = contact.expires().or(request::expires).orElse(policy.defaultExpiry().toSeconds());
            if (seconds < 0) {
                return refused(400, "Invalid Expires");
            }
            if (seconds > 0 && seconds < policy.minExpiry().toSeconds()) {
                return new Rejected(new RegisterReply.IntervalTooBrief(policy.minExpiry()));
            }
            Binding existing = live.get(contact.uri());
            if (existing != null && existing.callId().equals(request.callId()) && request.cseq() <= existing.cseq()) {
                return refused(500, "Out of Order CSeq");
            }
            if (seconds == 0) {
                if (existing != null) {
                    removals.add(contact.uri());
                    live.remove(contact.uri());
                }
                continue;
            }
            Duration expiry = Duration.ofSeconds(Math.min(seconds, policy.maxExpiry().toSeconds()));
            Binding binding = new Binding(aor, contact.uri(), now.plus(expiry), request.callId(), request.cseq(),
                    request.source());
            upserts.add(binding);
            live.put(contact.uri(), binding);
        }
        if (live.size() > policy.maxBindings()) {
            return refused(403, "Too Many Contacts");
        }
        return new Changes(upserts, removals, List.copyOf(live.values()));
    }

    /** {@code Contact: *} with {@code Expires: 0}, alone, removes every binding (step 6). */
    private static Plan removeAll(Map<String, Binding> live, RegisterRequest request) {
        if (!request.contacts().isEmpty() || request.expires().filter(e -> e == 0).isEmpty()) {
            return refused(400, "Invalid Wildcard Contact");
        }
        for (Binding b : live.values()) {
            if (b.callId().equals(request.callId()) && request.cseq() <= b.cseq()) {
                return refused(500, "Out of Order CSeq");
            }
        }
        return new Changes(List.of(), List.copyOf(live.keySet()), List.of());
    }

    private static Plan refused(int status, String reason) {
        return new Rejected(new RegisterReply.Refused(status, reason));
    }
}
