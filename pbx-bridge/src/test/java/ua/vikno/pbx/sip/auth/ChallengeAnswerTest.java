package ua.vikno.pbx.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sip.header.AuthorizationHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How many times one request is sent again with credentials (RFC 3261 section 22.2, RFC 2617 section 3.2.1). */
class ChallengeAnswerTest {
    private static final MessageFactoryImpl MESSAGES = new MessageFactoryImpl();

    private final ChallengeAnswer answer = new ChallengeAnswer(new DigestClient("vikno-trunk", "secret"),
            new HeaderFactoryImpl());

    @Nested
    class AProviderThatIssuesAFreshNonceWithEveryChallenge {

        @Test
        void isAnsweredOnceThenTheCredentialsCountAsWrong() throws Exception {
            assertThat(answer.authorize(challenge(407, "realm-a", "n1", false), retry())).isTrue();
            assertThat(answer.authorize(challenge(407, "realm-a", "n2", false), retry())).isFalse();
        }

        @Test
        void isRefusedAlsoOver401() throws Exception {
            assertThat(answer.authorize(challenge(401, "realm-a", "n1", false), retry())).isTrue();
            assertThat(answer.authorize(challenge(401, "realm-a", "n2", false), retry())).isFalse();
        }
    }

    @Test
    void aRepeatedNonceWithoutStaleIsRefused() throws Exception {
        assertThat(answer.authorize(challenge(401, "realm-a", "n1", false), retry())).isTrue();
        assertThat(answer.authorize(challenge(401, "realm-a", "n1", false), retry())).isFalse();
    }

    @Test
    void aStaleNonceIsAnsweredAtMostTwiceMore() throws Exception {
        assertThat(answer.authorize(challenge(401, "realm-a", "n1", false), retry())).isTrue();
        assertThat(answer.authorize(challenge(401, "realm-a", "n2", true), retry())).isTrue();
        assertThat(answer.authorize(challenge(401, "realm-a", "n3", true), retry())).isTrue();
        assertThat(answer.authorize(challenge(401, "realm-a", "n4", true), retry())).isFalse();
    }

    @Test
    void anotherRealmOnTheWayIsAnsweredOnceToo() throws Exception {
        assertThat(answer.authorize(challenge(407, "proxy", "n1", false), retry())).isTrue();
        assertThat(answer.authorize(challenge(401, "provider", "n2", false), retry())).isTrue();
        assertThat(answer.authorize(challenge(401, "provider", "n3", false), retry())).isFalse();
    }

    @Test
    void theRetryCarriesTheDigestForTheChallengesNonce() throws Exception {
        Request retry = retry();

        answer.authorize(challenge(407, "realm-a", "n1", false), retry);

        AuthorizationHeader sent = (AuthorizationHeader) retry.getHeader("Proxy-Authorization");
        assertThat(sent.getNonce()).isEqualTo("n1");
        assertThat(sent.getRealm()).isEqualTo("realm-a");
        assertThat(sent.getUsername()).isEqualTo("vikno-trunk");
    }

    private static Request retry() throws Exception {
        return MESSAGES.createRequest("INVITE sip:0441234567@127.0.0.1:5070 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\n"
                + "From: <sip:101@127.0.0.1>;tag=1\r\nTo: <sip:0441234567@127.0.0.1>\r\n"
                + "Call-ID: c1\r\nCSeq: 2 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    }

    private static Response challenge(int status, String realm, String nonce, boolean stale) throws Exception {
        String header = status == 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
        return MESSAGES.createResponse("SIP/2.0 " + status + " Challenge\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\n"
                + "From: <sip:101@127.0.0.1>;tag=1\r\nTo: <sip:0441234567@127.0.0.1>;tag=2\r\n"
                + "Call-ID: c1\r\nCSeq: 1 INVITE\r\n"
                + header + ": Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", qop=\"auth\", algorithm=MD5"
                + (stale ? ", stale=true" : "") + "\r\nContent-Length: 0\r\n\r\n");
    }
}
