package ua.vikno.pbx.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class RequestDigestTest {

    @Test
    void matchesTheRfc2617SectionThreePointFiveExample() {
        DigestCredentials c = new DigestCredentials("Mufasa", "testrealm@host.com",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "/dir/index.html", "", Optional.empty(), Optional.of("auth"),
                Optional.of("00000001"), Optional.of("0a4f113b"), Optional.of("5ccc069c403ebaf9f0171e9517f40e41"));

        String ha1 = RequestDigest.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");

        assertThat(RequestDigest.response(ha1, "GET", c)).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void matchesTheRfc7616SectionThreePointNineMd5Example() {
        DigestCredentials c = new DigestCredentials("Mufasa", "http-auth@example.org",
                "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "/dir/index.html", "", Optional.of("MD5"),
                Optional.of("auth"), Optional.of("00000001"),
                Optional.of("f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"), Optional.empty());

        String ha1 = RequestDigest.ha1("Mufasa", "http-auth@example.org", "Circle of Life");

        assertThat(RequestDigest.response(ha1, "GET", c)).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void withoutQopUsesTheRfc2069Form() {
        DigestCredentials c = new DigestCredentials("Mufasa", "testrealm@host.com",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "/dir/index.html", "", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        String ha1 = RequestDigest.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
        String ha2 = RequestDigest.md5("GET:/dir/index.html");

        assertThat(RequestDigest.response(ha1, "GET", c))
                .isEqualTo(RequestDigest.md5(ha1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:" + ha2));
    }

    @Test
    void comparesResponsesIgnoringHexCase() {
        assertThat(RequestDigest.matches("6629fae49393a05397450978507c4ef1", "6629FAE49393A05397450978507C4EF1"))
                .isTrue();
        assertThat(RequestDigest.matches("6629fae49393a05397450978507c4ef1", "6629fae49393a05397450978507c4ef2"))
                .isFalse();
        assertThat(RequestDigest.matches("6629fae49393a05397450978507c4ef1", null)).isFalse();
    }
}
