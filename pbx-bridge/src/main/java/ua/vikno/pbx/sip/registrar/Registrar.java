package ua.vikno.pbx.sip.registrar;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import io.vertx.core.Future;
import ua.vikno.pbx.sip.auth.Authentication;
import ua.vikno.pbx.sip.auth.DigestAuthenticator;

/**
 * The registrar of RFC 3261 section 10.3: checks the domain, authenticates the line by digest (section 22),
 * checks the line registers itself, then updates its bindings in the {@link LocationService}.
 * Runs on one Vert.x context and never blocks it.
 */
public final class Registrar {
    private final String domain;
    private final Set<String> servedHosts;
    private final DigestAuthenticator authenticator;
    private final LocationService locations;
    private final RegistrationPolicy policy;
    private final Clock clock;

    /**
     * @param domain      the SIP domain; addresses-of-record are {@code sip:<extension>@<domain>}
     * @param servedHosts the Request-URI hosts accepted as this domain (the domain itself, the bound address)
     */
    public Registrar(String domain, Set<String> servedHosts, DigestAuthenticator authenticator,
                     LocationService locations, RegistrationPolicy policy, Clock clock) {
        this.domain = domain;
        this.servedHosts = Set.copyOf(servedHosts);
        this.authenticator = authenticator;
        this.locations = locations;
        this.policy = policy;
        this.clock = clock;
    }

    /** The address-of-record of a line. */
    public String aor(String extension) {
        return "sip:" + extension + "@" + domain;
    }

    public Future<RegisterReply> register(RegisterRequest request) {
        if (!servedHosts.contains(request.requestUriHost().toLowerCase(java.util.Locale.ROOT))) {
            return Future.succeededFuture(new RegisterReply.Refused(404, "Domain Not Served"));
        }
        Authentication auth = authenticator.authenticate("REGISTER", request.credentials(), request.toUser(),
                request.sourceAddress());
        if (auth instanceof Authentication.LockedOut || auth instanceof Authentication.Refused) {
            return Future.succeededFuture(new RegisterReply.Refused(403, "Forbidden"));
        }
        if (auth instanceof Authentication.Challenged challenged) {
            return Future.succeededFuture(new RegisterReply.Challenge(challenged.challenge()));
        }
        String user = ((Authentication.Authenticated) auth).username();
        if (!user.equals(request.toUser())) {
            // Section 10.3 step 3: a line may only change its own bindings.
            return Future.succeededFuture(new RegisterReply.Refused(403, "Forbidden"));
        }
        String aor = aor(user);
        return locations.bindings(aor).compose(current -> {
            Instant now = clock.instant();
            BindingUpdate.Plan plan = BindingUpdate.plan(aor, current, request, now, policy);
            if (plan instanceof BindingUpdate.Rejected rejected) {
                return Future.succeededFuture(rejected.reply());
            }
            BindingUpdate.Changes changes = (BindingUpdate.Changes) plan;
            if (changes.upserts().isEmpty() && changes.removals().isEmpty()) {
                return Future.succeededFuture(new RegisterReply.Registered(changes.resulting(), now));
            }
            return locations.update(aor, changes.upserts(), changes.removals())
                    .map(v -> new RegisterReply.Registered(changes.resulting(), now));
        });
    }
}
