package ua.vikno.pbx.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sip.header.ContactHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import ua.vikno.pbx.sip.SipFailure;
import ua.vikno.pbx.sip.auth.DigestChallenge;
import ua.vikno.pbx.sip.auth.DigestCredentials;
import ua.vikno.pbx.sip.registrar.Binding;
import ua.vikno.pbx.sip.registrar.ContactRequest;
import ua.vikno.pbx.sip.registrar.RegisterReply;
import ua.vikno.pbx.sip.registrar.RegisterRequest;

/** REGISTER text parsed by JAIN-SIP, decoded into a {@link RegisterRequest}, and replies encoded back; no sockets. */
class RegisterCodecTest {
    private final MessageFactoryImpl messages = new MessageFactoryImpl();
    private final RegisterCodec codec = new RegisterCodec("vikno.local", new AddressFactoryImpl(),
            new HeaderFactoryImpl());

    @Nested
    class Decoding {

        @Test
        void readsTheLineTheContactsAndTheExpiry() throws Exception {
            RegisterRequest r = decode("Contact: <sip:101@192.0.2.10:5070;transport=udp>;expires=120\r\n"
                    + "Contact: <sip:101@192.0.2.10:5072>\r\nExpires: 600\r\n");

            assertThat(r.requestUriHost()).isEqualTo("vikno.local");
            assertThat(r.toUser()).isEqualTo("101");
            assertThat(r.contacts()).containsExactly(
                    new ContactRequest("sip:101@192.0.2.10:5070;transport=udp", Optional.of(120L)),
                    new ContactRequest("sip:101@192.0.2.10:5072", Optional.empty()));
            assertThat(r.wildcard()).isFalse();
            assertThat(r.expires()).contains(600L);
            assertThat(r.callId()).isEqualTo("call-1@192.0.2.10");
            assertThat(r.cseq()).isEqualTo(7);
            assertThat(r.source()).isEqualTo("udp:192.0.2.10:5070");
            assertThat(r.sourceAddress()).isEqualTo("192.0.2.10");
            assertThat(r.credentials()).isEmpty();
        }

        @Test
        void readsContactsGivenInOneHeaderSeparatedByCommas() throws Exception {
            RegisterRequest r = decode("Contact: <sip:101@192.0.2.10:5070>, <sip:101@192.0.2.11:5070>;expires=60\r\n");

            assertThat(r.contacts()).extracting(ContactRequest::uri)
                    .containsExactly("sip:101@192.0.2.10:5070", "sip:101@192.0.2.11:5070");
        }

        @Test
        void readsTheWildcard() throws Exception {
            RegisterRequest r = decode("Contact: *\r\nExpires: 0\r\n");

            assertThat(r.wildcard()).isTrue();
            assertThat(r.contacts()).isEmpty();
            assertThat(r.expires()).contains(0L);
        }

        @Test
        void readsNoContactAsAQuery() throws Exception {
            RegisterRequest r = decode("");

            assertThat(r.contacts()).isEmpty();
            assertThat(r.wildcard()).isFalse();
        }

        @Test
        void readsDigestCredentialsExactlyAsSent() throws Exception {
            RegisterRequest r = decode("Authorization: Digest username=\"101\",realm=\"vikno.local\","
                    + "nonce=\"abc-_123\",uri=\"sip:vikno.local\",response=\"0123456789abcdef0123456789abcdef\","
                    + "algorithm=MD5,qop=auth,nc=0000000a,cnonce=\"c0ffee\",opaque=\"op\"\r\n");

            assertThat(r.credentials()).contains(new DigestCredentials("101", "vikno.local", "abc-_123",
                    "sip:vikno.local", "0123456789abcdef0123456789abcdef", Optional.of("MD5"), Optional.of("auth"),
                    Optional.of("0000000a"), Optional.of("c0ffee"), Optional.of("op")));
        }

        @Test
        void prefersTheCredentialsForItsOwnRealm() throws Exception {
            RegisterRequest r = decode("Authorization: Digest username=\"x\",realm=\"other\",nonce=\"n\","
                    + "uri=\"sip:vikno.local\",response=\"r\"\r\n"
                    + "Authorization: Digest username=\"101\",realm=\"vikno.local\",nonce=\"n\","
                    + "uri=\"sip:vikno.local\",response=\"r\"\r\n");

            assertThat(r.credentials()).map(DigestCredentials::username).contains("101");
        }

        @Test
        void credentialsWithoutAResponseAreABadRequest() {
            assertThatThrownBy(() -> decode("Authorization: Digest username=\"101\",realm=\"vikno.local\","
                    + "nonce=\"n\",uri=\"sip:vikno.local\"\r\n"))
                    .isInstanceOf(SipFailure.BadRequest.class)
                    .hasMessageContaining("Malformed Authorization");
        }

        @Test
        void aToWithoutAUserIsABadRequest() {
            assertThatThrownBy(() -> codec.decode(incoming(register("sip:vikno.local", ""))))
                    .isInstanceOf(SipFailure.BadRequest.class)
                    .hasMessageContaining("To Must Name A Line");
        }
    }

    @Nested
    class Encoding {

        @Test
        void a200ListsEveryBindingWithTheSecondsLeftAndADate() throws Exception {
            Instant now = Instant.parse("2026-11-26T09:00:00Z");
            Response response = encode(new RegisterReply.Registered(List.of(
                    new Binding("sip:101@vikno.local", "sip:101@192.0.2.10:5070", now.plusSeconds(120), "c", 1, "s"),
                    new Binding("sip:101@vikno.local", "sip:101@192.0.2.11:5070", now.plusMillis(59_001), "c", 1,
                            "s")), now));

            assertThat(response.getStatusCode()).isEqualTo(200);
            List<ContactHeader> contacts = contacts(response);
            assertThat(contacts).extracting(c -> c.getAddress().getURI().toString())
                    .containsExactly("sip:101@192.0.2.10:5070", "sip:101@192.0.2.11:5070");
            assertThat(contacts).extracting(ContactHeader::getExpires).containsExactly(120, 60);
            assertThat(response.getHeader("Date")).isNotNull();
        }

        @Test
        void a401CarriesAnMd5QopAuthChallenge() throws Exception {
            Response response = encode(new RegisterReply.Challenge(new DigestChallenge("vikno.local", "n1", "op", true)));

            assertThat(response.getStatusCode()).isEqualTo(401);
            WWWAuthenticateHeader h = (WWWAuthenticateHeader) response.getHeader(WWWAuthenticateHeader.NAME);
            assertThat(h.getScheme()).isEqualTo("Digest");
            assertThat(h.getRealm()).isEqualTo("vikno.local");
            assertThat(h.getNonce()).isEqualTo("n1");
            assertThat(h.getOpaque()).isEqualTo("op");
            assertThat(h.getAlgorithm()).isEqualTo("MD5");
            assertThat(h.getQop()).isEqualTo("auth");
            assertThat(h.isStale()).isTrue();
        }

        @Test
        void a423CarriesMinExpires() throws Exception {
            Response response = encode(new RegisterReply.IntervalTooBrief(java.time.Duration.ofMinutes(1)));

            assertThat(response.getStatusCode()).isEqualTo(423);
            assertThat(((MinExpiresHeader) response.getHeader(MinExpiresHeader.NAME)).getExpires()).isEqualTo(60);
        }

        @Test
        void aRefusalKeepsItsStatusAndReason() throws Exception {
            Response response = encode(new RegisterReply.Refused(403, "Forbidden"));

            assertThat(response.getStatusCode()).isEqualTo(403);
            assertThat(response.getReasonPhrase()).isEqualTo("Forbidden");
        }

        private Response encode(RegisterReply reply) throws Exception {
            Response response = messages.createResponse(RegisterCodec.status(reply), register("sip:101@vikno.local", ""));
            if (RegisterCodec.reason(reply) != null) {
                response.setReasonPhrase(RegisterCodec.reason(reply));
            }
            codec.encode(reply, response);
            return response;
        }

        private List<ContactHeader> contacts(Response response) {
            List<ContactHeader> found = new java.util.ArrayList<>();
            response.getHeaders(ContactHeader.NAME).forEachRemaining(h -> found.add((ContactHeader) h));
            return found;
        }
    }

    private RegisterRequest decode(String headers) throws Exception {
        return codec.decode(incoming(register("sip:101@vikno.local", headers)));
    }

    private Request register(String to, String headers) throws Exception {
        return messages.createRequest("REGISTER sip:vikno.local SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bK-1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:101@vikno.local>;tag=a1\r\n"
                + "To: <" + to + ">\r\n"
                + "Call-ID: call-1@192.0.2.10\r\n"
                + "CSeq: 7 REGISTER\r\n"
                + headers
                + "Content-Length: 0\r\n\r\n");
    }

    private static IncomingRequest incoming(Request request) {
        return new IncomingRequest(request, null, "udp", "192.0.2.10", 5070);
    }
}
