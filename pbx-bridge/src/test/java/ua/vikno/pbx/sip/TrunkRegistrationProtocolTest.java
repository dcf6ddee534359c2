package ua.vikno.pbx.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ua.vikno.config.Network;
import ua.vikno.config.Secret;
import ua.vikno.config.Trunk;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallRecord;
import ua.vikno.pbx.Party;
import ua.vikno.pbx.sip.trunk.TrunkRegistration;
import ua.vikno.testkit.FreePorts;

/**
 * A trunk in register mode against a provider's registrar played by SIPp on 127.0.0.1: 401 answered with the
 * trunk's credentials, refreshed at half the granted 2 s, removed on stop; the provider's calls to our registration
 * reach the incoming-call handler with the DID of their To.
 */
class TrunkRegistrationProtocolTest {
    private final int providerPort = FreePorts.next();
    private RunningEngine server;

    @AfterEach
    void stopEngine() {
        if (server != null) {
            server.closeInBackground();
        }
    }

    private void startEngine(String password) {
        // The provider calls from another port of its host, so the trunk is known by its IP.
        startEngine(password, "127.0.0.1", List.of("127.0.0.1"));
    }

    private void startEngine(String password, String host, List<String> addresses) {
        server = new RunningEngine();
        server.trunks = List.of(new Trunk("city", Trunk.Mode.REGISTER, host, providerPort,
                Network.Transport.UDP, addresses,
                Optional.of(new Trunk.Registration("vikno-trunk", new Secret(password), Duration.ofSeconds(2))),
                "+380444960000"));
        server.start();
    }

    @Test
    void theTrunkRegistersRefreshesTakesTheProvidersCallAndUnregistersOnStop() throws Exception {
        CompletableFuture<Sipp.Result> registrar = Sipp.scenario("provider-registrar.xml").port(providerPort)
                .lasting(25).startAgainst(0);
        CompletableFuture<CallRecord> ended = new CompletableFuture<>();
        startEngine("trunk-secret");
        server.pbx().onIncomingCall(call -> {
            call.onEvent(e -> {
                if (e instanceof CallEvent.Ended end) {
                    ended.complete(end.record());
                }
            });
            call.answer();
        });

        TrunkRegistration.Status registered = awaitStatus(s -> s.registrations() >= 1);
        assertThat(registered.state()).isEqualTo(TrunkRegistration.State.REGISTERED);
        assertThat(awaitStatus(s -> s.registrations() >= 3).state()).as("refreshed at half of 2 s")
                .isEqualTo(TrunkRegistration.State.REGISTERED);

        Sipp.Result call = Sipp.scenario("provider-call-to-registration.xml").set("caller", "+380501112233")
                .set("user", "vikno-trunk").to("+380444960000").against(server.port());
        assertThat(call.succeeded()).as("%s", call).isTrue();
        CallRecord record = ended.get(10, TimeUnit.SECONDS);
        assertThat(record.caller()).isEqualTo(Party.resident("+380501112233"));
        assertThat(record.dialled()).isEqualTo("+380444960000");

        server.stop();
        Sipp.Result provider = registrar.get(30, TimeUnit.SECONDS);
        assertThat(provider.succeeded()).as("%s", provider).isTrue();
        List<String> registers = provider.requests("REGISTER");
        assertThat(registers.get(registers.size() - 1)).contains("Expires: 0");
        assertThat(registers.get(1)).contains("Authorization: Digest");
    }

    @Test
    void aTrunkNamedByAHostNameTakesTheProvidersCall() throws Exception {
        CompletableFuture<Sipp.Result> registrar = Sipp.scenario("provider-registrar.xml").port(providerPort)
                .lasting(25).startAgainst(0);
        CompletableFuture<CallRecord> ended = new CompletableFuture<>();
        // As the configuration binds it: addresses default to the host.
        startEngine("trunk-secret", "localhost", List.of("localhost"));
        server.pbx().onIncomingCall(call -> {
            call.onEvent(e -> {
                if (e instanceof CallEvent.Ended end) {
                    ended.complete(end.record());
                }
            });
            call.answer();
        });
        awaitStatus(s -> s.state() == TrunkRegistration.State.REGISTERED);

        Sipp.Result call = Sipp.scenario("provider-call-to-registration.xml").set("caller", "+380501112233")
                .set("user", "vikno-trunk").to("+380444960000").against(server.port());

        assertThat(call.succeeded()).as("%s", call).isTrue();
        assertThat(ended.get(10, TimeUnit.SECONDS).caller()).isEqualTo(Party.resident("+380501112233"));
        server.stop();
        assertThat(registrar.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
    }

    @Test
    void stoppingWhileARefreshIsUnansweredStillRemovesTheLiveBinding() throws Exception {
        CompletableFuture<Sipp.Result> registrar = Sipp.scenario("provider-registrar-refresh-unanswered.xml")
                .port(providerPort).lasting(25).startAgainst(0);
        startEngine("trunk-secret");
        awaitStatus(s -> s.registrations() >= 1 && s.state() == TrunkRegistration.State.REGISTERING);

        server.stop();

        Sipp.Result provider = registrar.get(30, TimeUnit.SECONDS);
        assertThat(provider.succeeded()).as("%s", provider).isTrue();
        List<String> registers = provider.requests("REGISTER");
        assertThat(registers.get(registers.size() - 1)).contains("Expires: 0");
    }

    @Test
    void anIntervalTooBriefIsAskedAgainAtOnceWithTheProvidersMinimum() throws Exception {
        CompletableFuture<Sipp.Result> registrar = Sipp.scenario("provider-registrar-too-brief.xml")
                .port(providerPort).lasting(25).startAgainst(0);
        startEngine("trunk-secret");

        TrunkRegistration.Status registered = awaitStatus(s -> s.state() == TrunkRegistration.State.REGISTERED);

        assertThat(registered.lastFailure()).isEmpty();
        assertThat(registered.expiresAt()).isPresent();
        server.stop();
        Sipp.Result provider = registrar.get(30, TimeUnit.SECONDS);
        assertThat(provider.succeeded()).as("%s", provider).isTrue();
        assertThat(provider.requests("REGISTER").get(1)).contains("Expires: 3");
    }

    @Test
    void aWrongPasswordIsRefusedAndShownAsFailedWithTheReason() throws Exception {
        CompletableFuture<Sipp.Result> registrar = Sipp.scenario("provider-registrar.xml").port(providerPort)
                .startAgainst(0);
        startEngine("wrong-password");

        TrunkRegistration.Status failed = awaitStatus(s -> s.state() == TrunkRegistration.State.FAILED);

        assertThat(failed.lastFailure()).hasValueSatisfying(f -> assertThat(f).startsWith("403"));
        assertThat(failed.registrations()).isZero();
        assertThat(registrar.get(30, TimeUnit.SECONDS).succeeded()).isFalse();
    }

    @Test
    void aWrongPasswordRefusedWithAFreshNonceEveryTimeIsSentOnceAndWaitsForTheBackOff() throws Exception {
        CompletableFuture<Sipp.Result> registrar = Sipp.scenario("provider-registrar-fresh-nonce.xml")
                .port(providerPort).startAgainst(0);
        startEngine("wrong-password");

        TrunkRegistration.Status failed = awaitStatus(s -> s.state() == TrunkRegistration.State.FAILED);

        assertThat(failed.lastFailure()).hasValueSatisfying(f -> assertThat(f).startsWith("401"));
        Sipp.Result provider = registrar.get(30, TimeUnit.SECONDS);
        assertThat(provider.succeeded()).as("no REGISTER before the back-off: %s", provider).isTrue();
        assertThat(provider.requests("REGISTER")).hasSize(2);
    }

    @Test
    void aRegistrationRefusedByABusyProviderIsRetriedAfterABackOff() throws Exception {
        CompletableFuture<Sipp.Result> registrar = Sipp.scenario("provider-registrar-busy-once.xml")
                .port(providerPort).lasting(25).startAgainst(0);
        startEngine("trunk-secret");

        TrunkRegistration.Status failed = awaitStatus(s -> s.state() == TrunkRegistration.State.FAILED);
        long failedAt = System.nanoTime();
        TrunkRegistration.Status registered = awaitStatus(s -> s.state() == TrunkRegistration.State.REGISTERED);
        long waited = (System.nanoTime() - failedAt) / 1_000_000;

        assertThat(failed.lastFailure()).hasValueSatisfying(f -> assertThat(f).startsWith("503"));
        assertThat(registered.registrations()).isEqualTo(1);
        assertThat(registered.lastFailure()).isEmpty();
        assertThat(waited).as("the retry waited the first back-off (2 s)").isGreaterThan(1500);
        server.stop();
        Sipp.Result provider = registrar.get(30, TimeUnit.SECONDS);
        assertThat(provider.succeeded()).as("%s", provider).isTrue();
    }

    private TrunkRegistration.Status awaitStatus(Predicate<TrunkRegistration.Status> wanted) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<TrunkRegistration.Status> all = server.engine.trunkRegistrations();
            if (!all.isEmpty() && wanted.test(all.get(0))) {
                return all.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("registration never got there: " + server.engine.trunkRegistrations());
    }
}
