package ua.vikno.pbx.sip.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import ua.vikno.config.Network;
import ua.vikno.config.Secret;
import ua.vikno.config.Trunk;

/** Which trunk a request came from, by source IP and port. */
class TrunkSourcesTest {
    private final Map<String, List<String>> dns = new HashMap<>();
    private final TrunkSources.Resolver resolver = host -> {
        List<String> ips = dns.get(host);
        if (ips == null) {
            throw new UnknownHostException(host);
        }
        return ips;
    };

    @Nested
    class IpAddresses {

        @Test
        void aPlainIpMatchesAnyPort() {
            TrunkSources sources = new TrunkSources(List.of(trunk("city", "203.0.113.5", "203.0.113.5")), resolver);

            assertThat(sources.match("203.0.113.5", 5060)).map(Trunk::id).hasValue("city");
            assertThat(sources.match("203.0.113.5", 40000)).map(Trunk::id).hasValue("city");
            assertThat(sources.match("203.0.113.6", 5060)).isEmpty();
        }

        @Test
        void anIpWithAPortMatchesOnlyThatPortAndWinsOverAPlainIp() {
            TrunkSources sources = new TrunkSources(List.of(trunk("a", "127.0.0.1", "127.0.0.1:5070"),
                    trunk("b", "127.0.0.1", "127.0.0.1")), resolver);

            assertThat(sources.match("127.0.0.1", 5070)).map(Trunk::id).hasValue("a");
            assertThat(sources.match("127.0.0.1", 5080)).map(Trunk::id).hasValue("b");
        }

        @Test
        void matchWithoutAnyResolution() {
            TrunkSources sources = new TrunkSources(List.of(trunk("city", "127.0.0.1", "127.0.0.1")),
                    host -> {
                        throw new AssertionError("resolved " + host);
                    });

            sources.refreshNow();

            assertThat(sources.match("127.0.0.1", 5060)).isPresent();
        }

        @Test
        void anIpv6AddressInBracketsWithAPort() {
            TrunkSources sources = new TrunkSources(List.of(trunk("v6", "2001:db8::1", "[2001:db8::1]:5060")),
                    resolver);

            assertThat(sources.match("2001:db8:0:0:0:0:0:1", 5060)).map(Trunk::id).hasValue("v6");
        }
    }

    @Nested
    class HostNames {

        @Test
        void matchNothingBeforeTheyAreResolved() {
            dns.put("sip.provider.test", List.of("198.51.100.7"));
            TrunkSources sources = new TrunkSources(List.of(trunk("city", "sip.provider.test", "sip.provider.test")),
                    resolver);

            assertThat(sources.match("198.51.100.7", 5060)).isEmpty();
        }

        @Test
        void matchEveryIpTheyResolveTo() {
            dns.put("sip.provider.test", List.of("198.51.100.7", "198.51.100.8"));
            TrunkSources sources = new TrunkSources(List.of(trunk("city", "sip.provider.test", "sip.provider.test")),
                    resolver);

            sources.refreshNow();

            assertThat(sources.match("198.51.100.7", 5060)).map(Trunk::id).hasValue("city");
            assertThat(sources.match("198.51.100.8", 5061)).map(Trunk::id).hasValue("city");
        }

        @Test
        void withAPortMatchOnlyThatPort() {
            dns.put("sip.provider.test", List.of("198.51.100.7"));
            TrunkSources sources = new TrunkSources(List.of(trunk("city", "sip.provider.test",
                    "sip.provider.test:5080")), resolver);

            sources.refreshNow();

            assertThat(sources.match("198.51.100.7", 5080)).isPresent();
            assertThat(sources.match("198.51.100.7", 5060)).isEmpty();
        }

        @Test
        void followTheNameWhenItMoves() {
            dns.put("sip.provider.test", List.of("198.51.100.7"));
            TrunkSources sources = new TrunkSources(List.of(trunk("city", "sip.provider.test", "sip.provider.test")),
                    resolver);
            sources.refreshNow();

            dns.put("sip.provider.test", List.of("198.51.100.9"));
            sources.refreshNow();

            assertThat(sources.match("198.51.100.9", 5060)).isPresent();
            assertThat(sources.match("198.51.100.7", 5060)).isEmpty();
        }

        @Test
        void keepTheirLastIpsWhenTheResolverFails() {
            dns.put("sip.provider.test", List.of("198.51.100.7"));
            TrunkSources sources = new TrunkSources(List.of(trunk("city", "sip.provider.test", "sip.provider.test")),
                    resolver);
            sources.refreshNow();

            dns.remove("sip.provider.test");
            sources.refreshNow();

            assertThat(sources.match("198.51.100.7", 5060)).isPresent();
        }
    }

    @Nested
    class ARegisterTrunk {

        @Test
        void isAlsoKnownByTheIpItsRegistrarAnsweredFrom() {
            Trunk city = trunk("city", "sip.provider.test", "sip.provider.test");
            TrunkSources sources = new TrunkSources(List.of(city), resolver);

            sources.onRegistered(city, "192.0.2.44");

            assertThat(sources.match("192.0.2.44", 5060)).map(Trunk::id).hasValue("city");
        }

        @Test
        void forgetsTheRegistrarsOldIpWhenItAnswersFromANewOne() {
            Trunk city = trunk("city", "sip.provider.test", "sip.provider.test");
            TrunkSources sources = new TrunkSources(List.of(city), resolver);

            sources.onRegistered(city, "192.0.2.44");
            sources.onRegistered(city, "192.0.2.45");

            assertThat(sources.match("192.0.2.44", 5060)).isEmpty();
            assertThat(sources.match("192.0.2.45", 5060)).isPresent();
        }
    }

    private static Trunk trunk(String id, String host, String address) {
        return new Trunk(id, Trunk.Mode.REGISTER, host, 5060, Network.Transport.UDP, List.of(address),
                Optional.of(new Trunk.Registration("vikno", new Secret("pw"), Duration.ofSeconds(300))), "");
    }
}
