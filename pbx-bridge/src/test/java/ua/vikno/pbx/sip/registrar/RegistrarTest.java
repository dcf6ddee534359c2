package ua.vikno.pbx.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import ua.vikno.config.Secret;
import ua.vikno.pbx.sip.FakeClock;
import ua.vikno.pbx.sip.auth.AuthFailureLimiter;
import ua.vikno.pbx.sip.auth.DigestAuthenticator;
import ua.vikno.pbx.sip.auth.DigestChallenge;
import ua.vikno.pbx.sip.auth.DigestCredentials;
import ua.vikno.pbx.sip.auth.NonceCounts;
import ua.vikno.pbx.sip.auth.Nonces;
import ua.vikno.pbx.sip.auth.RequestDigest;

/** The registrar's decisions with an in-memory location service and a fake clock. */
class RegistrarTest {
    private final FakeClock clock = new FakeClock();
    private final Nonces nonces = new Nonces("0123456789abcdef0123456789abcdef".getBytes(), Duration.ofMinutes(5), clock);
    private final InMemoryLocations locations = new InMemoryLocations();
    private final Registrar registrar = new Registrar("vikno.local", Set.of("vikno.local", "127.0.0.1"),
            new DigestAuthenticator("vikno.local",
                    user -> Optional.ofNullable(Map.of("101", new Secret("pw-101"), "102", new Secret("pw-102"))
                            .get(user)),
                    nonces, new NonceCounts(Duration.ofMinutes(5), clock, 100),
                    new AuthFailureLimiter(3, Duration.ofMinutes(1), Duration.ofMinutes(10), clock), "op", "decoy"),
            locations, RegistrationPolicy.withMaxExpiry(Duration.ofHours(1)), clock);

    @Test
    void aRegisterWithoutCredentialsIsChallengedAndStoresNothing() {
        RegisterReply reply = register("101", Optional.empty());

        assertThat(reply).isInstanceOf(RegisterReply.Challenge.class);
        assertThat(locations.updates).isZero();
    }

    @Test
    void anAuthenticatedRegisterStoresTheContactUnderTheLinesAddressOfRecord() {
        RegisterReply reply = register("101", signed("101", "pw-101"));

        assertThat(reply).isInstanceOf(RegisterReply.Registered.class);
        assertThat(locations.bindings.get("sip:101@vikno.local")).extracting(Binding::contact)
                .containsExactly("sip:101@192.0.2.10:5070");
    }

    @Test
    void aLineAuthenticatedAsAnotherLineIsForbidden() {
        RegisterReply reply = register("101", signed("102", "pw-102"));

        assertThat(reply).isEqualTo(new RegisterReply.Refused(403, "Forbidden"));
        assertThat(locations.updates).isZero();
    }

    @Test
    void aDigestUserNameLongerThanTheLimitIsForbidden() {
        String tooLong = "1".repeat(DigestAuthenticator.MAX_USERNAME_LENGTH + 1);

        RegisterReply reply = register(tooLong, signed(tooLong, "guess"));

        assertThat(reply).isEqualTo(new RegisterReply.Refused(403, "Forbidden"));
    }

    @Test
    void aDomainThatIsNotServedIsNotFound() {
        RegisterRequest request = new RegisterRequest("example.org", "101",
                List.of(new ContactRequest("sip:101@192.0.2.10:5070", Optional.empty())), false, Optional.empty(),
                "call-1", 1, signed("101", "pw-101"), "udp:192.0.2.10:5070", "192.0.2.10");

        assertThat(registrar.register(request).result())
                .isEqualTo(new RegisterReply.Refused(404, "Domain Not Served"));
    }

    @Test
    void anUnknownLineAndAKnownLineWithAWrongPasswordGetTheSameReply() {
        RegisterReply known = register("101", signed("101", "wrong"));
        RegisterReply unknown = register("999", signed("999", "wrong"));

        assertThat(withoutNonce(unknown)).isEqualTo(withoutNonce(known));
    }

    @Test
    void aLocationServiceFailureFailsTheFuture() {
        locations.failing = true;

        Future<RegisterReply> reply = registrar.register(request("101", signed("101", "pw-101")));

        assertThat(reply.failed()).isTrue();
    }

    private RegisterReply register(String line, Optional<DigestCredentials> credentials) {
        Future<RegisterReply> reply = registrar.register(request(line, credentials));
        assertThat(reply.succeeded()).as("%s", reply.cause()).isTrue();
        return reply.result();
    }

    private static RegisterRequest request(String line, Optional<DigestCredentials> credentials) {
        return new RegisterRequest("vikno.local", line,
                List.of(new ContactRequest("sip:" + line + "@192.0.2.10:5070", Optional.empty())), false,
                Optional.empty(), "call-1", 1, credentials, "udp:192.0.2.10:5070", "192.0.2.10");
    }

    private Optional<DigestCredentials> signed(String user, String password) {
        DigestCredentials c = new DigestCredentials(user, "vikno.local", nonces.issue(), "sip:vikno.local", "",
                Optional.of("MD5"), Optional.of("auth"), Optional.of("00000001"), Optional.of("c0ffee"),
                Optional.of("op"));
        String response = RequestDigest.response(RequestDigest.ha1(user, "vikno.local", password), "REGISTER", c);
        return Optional.of(new DigestCredentials(user, c.realm(), c.nonce(), c.uri(), response, c.algorithm(),
                c.qop(), c.nc(), c.cnonce(), c.opaque()));
    }

    private static DigestChallenge withoutNonce(RegisterReply reply) {
        DigestChallenge c = ((RegisterReply.Challenge) reply).challenge();
        return new DigestChallenge(c.realm(), "", c.opaque(), c.stale());
    }

    /** Bindings in a map; futures complete at once. */
    private static final class InMemoryLocations implements LocationService {
        final Map<String, List<Binding>> bindings = new HashMap<>();
        int updates;
        boolean failing;

        @Override
        public Future<List<Binding>> bindings(String aor) {
            if (failing) {
                return Future.failedFuture(new IllegalStateException("location service down"));
            }
            return Future.succeededFuture(List.copyOf(bindings.getOrDefault(aor, List.of())));
        }

        @Override
        public Future<Void> update(String aor, List<Binding> upserts, List<String> removals) {
            updates++;
            List<Binding> list = new ArrayList<>(bindings.getOrDefault(aor, List.of()));
            list.removeIf(b -> removals.contains(b.contact())
                    || upserts.stream().anyMatch(u -> u.contact().equals(b.contact())));
            list.addAll(upserts);
            bindings.put(aor, list);
            return Future.succeededFuture();
        }
    }
}
