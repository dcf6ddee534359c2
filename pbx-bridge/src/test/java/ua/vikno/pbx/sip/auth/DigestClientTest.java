package ua.vikno.pbx.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Our answers to a provider's digest challenge, checked against RFC 2617's own example and our authenticator. */
class DigestClientTest {

    @Test
    void answersTheRfc2617ExampleWithItsResponse() {
        DigestClient client = new DigestClient("Mufasa", "Circle Of Life");
        DigestClient.Challenge challenge = new DigestClient.Challenge("testrealm@host.com",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", Optional.of("5ccc069c403ebaf9f0171e9517f40e41"),
                Optional.of("auth,auth-int"), Optional.empty());

        DigestCredentials c = client.answer(challenge, "GET", "/dir/index.html", "0a4f113b");

        assertThat(c.response()).isEqualTo("6629fae49393a05397450978507c4ef1");
        assertThat(c.qop()).contains("auth");
        assertThat(c.nc()).contains("00000001");
        assertThat(c.opaque()).contains("5ccc069c403ebaf9f0171e9517f40e41");
    }

    @Test
    void answersWithoutQopInTheRfc2069Form() {
        DigestClient client = new DigestClient("Mufasa", "Circle Of Life");
        DigestClient.Challenge challenge = new DigestClient.Challenge("testrealm@host.com", "n1", Optional.empty(),
                Optional.empty(), Optional.of("MD5"));

        DigestCredentials c = client.answer(challenge, "INVITE", "sip:0441234567@127.0.0.1", "unused");

        String ha1 = RequestDigest.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
        assertThat(c.response()).isEqualTo(RequestDigest.md5(ha1 + ":n1:" + RequestDigest.md5(
                "INVITE:sip:0441234567@127.0.0.1")));
        assertThat(c.qop()).isEmpty();
        assertThat(c.cnonce()).isEmpty();
    }

    @Test
    void declinesAChallengeItCannotAnswer() {
        assertThat(new DigestClient.Challenge("r", "n", Optional.empty(), Optional.of("auth-int"), Optional.empty())
                .answerable()).isFalse();
        assertThat(new DigestClient.Challenge("r", "n", Optional.empty(), Optional.empty(), Optional.of("SHA-256"))
                .answerable()).isFalse();
    }
}
