package ua.vikno.pbx.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import ua.vikno.pbx.sip.auth.AuthFailureLimiter;
import ua.vikno.pbx.sip.registrar.Binding;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.RedisServer;
import ua.vikno.testkit.SharedRedis;

/** The engine against real SIPp peers on 127.0.0.1, with its location service in a real Redis. */
class SipEngineProtocolTest {
    private RunningEngine server;

    @BeforeEach
    void startEngine() {
        server = new RunningEngine().start();
    }

    @AfterEach
    void stopEngine() {
        server.closeInBackground();
    }

    @Nested
    class Registration {

        @Test
        void aLineRegistersWithDigestAuthenticationOverUdp() {
            int phone = FreePorts.next();
            Sipp.Result result = Sipp.scenario("register-auth.xml").as("101", RunningEngine.PASSWORD_101).port(phone)
                    .against(server.port());

            assertThat(result.succeeded()).as("%s", result).isTrue();
            assertThat(server.bindings("101")).singleElement().satisfies(b -> {
                assertThat(b.contact()).isEqualTo("sip:101@127.0.0.1:" + phone + ";transport=UDP");
                assertThat(b.source()).startsWith("udp:127.0.0.1:");
            });
        }

        @Test
        void theStoredBindingExpiresInRedisWithTheRegistration() {
            register("101", FreePorts.next());

            String ttl = SharedRedis.get().command("PTTL", server.keyPrefix + "location:sip:101@vikno.local");

            assertThat(ttl).startsWith(":");
            assertThat(Long.parseLong(ttl.substring(1))).isBetween(3_500_000L, 3_600_000L);
        }

        @Test
        void aRefreshFromTheSameContactKeepsOneBinding() {
            int phone = FreePorts.next();
            register("101", phone);
            Binding first = server.bindings("101").get(0);

            register("101", phone);

            assertThat(server.bindings("101")).singleElement().satisfies(b -> {
                assertThat(b.contact()).isEqualTo(first.contact());
                assertThat(b.callId()).isNotEqualTo(first.callId());
                assertThat(b.expiresAt()).isAfterOrEqualTo(first.expiresAt());
            });
        }

        @Test
        void aLineRegistersOverTcp() {
            Sipp.Result result = Sipp.scenario("register-auth.xml").as("102", RunningEngine.PASSWORD_102).overTcp()
                    .against(server.port());

            assertThat(result.succeeded()).as("%s", result).isTrue();
            assertThat(server.bindings("102")).singleElement()
                    .satisfies(b -> assertThat(b.source()).startsWith("tcp:127.0.0.1:"));
        }

        @Test
        void twoContactsOfOneLineAreBothListed() {
            Sipp.Result first = Sipp.scenario("register-auth.xml").as("101", RunningEngine.PASSWORD_101)
                    .against(server.port());
            Sipp.Result second = Sipp.scenario("register-auth.xml").as("101", RunningEngine.PASSWORD_101)
                    .against(server.port());

            assertThat(first.succeeded()).as("%s", first).isTrue();
            assertThat(second.succeeded()).as("%s", second).isTrue();
            assertThat(server.bindings("101")).hasSize(2);
            assertThat(second.responses(200)).singleElement()
                    .satisfies(ok -> assertThat(contacts(ok)).as("contacts in %s", ok).hasSize(2));
        }

        /** The contact URIs of a response, whether in one Contact header or several. */
        private List<String> contacts(String response) {
            return response.lines().filter(l -> l.startsWith("Contact:"))
                    .flatMap(l -> java.util.regex.Pattern.compile("<(sip:[^>]+)>").matcher(l).results())
                    .map(m -> m.group(1)).toList();
        }

        @Test
        void unregisteringWithExpiresZeroRemovesThatContactOnly() {
            int phone = FreePorts.next();
            int desk = FreePorts.next();
            register("101", phone);
            register("101", desk);

            Sipp.Result result = Sipp.scenario("unregister.xml").as("101", RunningEngine.PASSWORD_101).port(phone)
                    .against(server.port());

            assertThat(result.succeeded()).as("%s", result).isTrue();
            assertThat(server.bindings("101")).extracting(Binding::contact)
                    .containsExactly("sip:101@127.0.0.1:" + desk + ";transport=UDP");
        }

        @Test
        void unregisteringWithTheWildcardRemovesEveryContact() {
            register("101", FreePorts.next());
            register("101", FreePorts.next());

            Sipp.Result result = Sipp.scenario("unregister-all.xml").as("101", RunningEngine.PASSWORD_101)
                    .against(server.port());

            assertThat(result.succeeded()).as("%s", result).isTrue();
            assertThat(server.bindings("101")).isEmpty();
        }

        @Test
        void contactsSurviveAnEngineRestart() {
            int phone = FreePorts.next();
            register("101", phone);

            server.stop();
            assertThat(server.engine.health().status()).isEqualTo(SipHealth.Status.DOWN);
            server.start();
            Sipp.Result query = Sipp.scenario("register-query.xml").as("101", RunningEngine.PASSWORD_101)
                    .against(server.port());

            assertThat(query.succeeded()).as("%s", query).isTrue();
            assertThat(query.responses(200)).singleElement()
                    .satisfies(ok -> assertThat(ok).contains("sip:101@127.0.0.1:" + phone + ";transport=UDP"));
        }

        @Test
        void aTooShortExpiryIsRefusedWithIntervalTooBrief() {
            Sipp.Result result = Sipp.scenario("register-too-brief.xml").as("101", RunningEngine.PASSWORD_101)
                    .against(server.port());

            assertThat(result.succeeded()).as("%s", result).isTrue();
            assertThat(server.bindings("101")).isEmpty();
        }

        @Test
        void aLineCannotRegisterAnotherLine() {
            // Line 102's credentials for line 101's address-of-record: authenticated, yet not authorised.
            Sipp.Result result = Sipp.scenario("register-auth.xml").to("101")
                    .credentials("102", RunningEngine.PASSWORD_102)
                    .against(server.port());

            assertThat(result.succeeded()).isFalse();
            assertThat(result.responses(403)).isNotEmpty();
            assertThat(result.responses(200)).isEmpty();
            assertThat(server.bindings("101")).isEmpty();
        }
    }

    @Nested
    class BruteForce {

        @Test
        void wrongPasswordsAreChallengedAgainThenTheLineIsLockedOutFromThatAddress() {
            Sipp.Result guessing = Sipp.scenario("register-brute-force.xml").as("101", "not-the-password")
                    .against(server.port());
            Sipp.Result owner = Sipp.scenario("register-refused.xml").as("101", RunningEngine.PASSWORD_101)
                    .against(server.port());

            assertThat(guessing.succeeded()).as("%s", guessing).isTrue();
            assertThat(owner.succeeded()).as("%s", owner).isTrue();
            assertThat(server.engine.authLockouts()).isEqualTo(1);
            assertThat(server.engine.health().authLockouts()).isEqualTo(1);
        }

        @Test
        void anUnknownUserGetsTheSameAnswersAsAKnownOne() {
            Sipp.Result known = Sipp.scenario("register-brute-force.xml").as("101", "not-the-password")
                    .from("127.0.0.3").against(server.port());
            Sipp.Result unknown = Sipp.scenario("register-brute-force.xml").as("999", "not-the-password")
                    .from("127.0.0.4").against(server.port());

            assertThat(known.succeeded()).as("%s", known).isTrue();
            assertThat(unknown.succeeded()).as("%s", unknown).isTrue();
            assertThat(challenges(unknown)).isEqualTo(challenges(known));
            assertThat(statusLines(unknown)).isEqualTo(statusLines(known))
                    .containsExactly("SIP/2.0 401 Unauthorized", "SIP/2.0 401 Unauthorized",
                            "SIP/2.0 401 Unauthorized", "SIP/2.0 403 Forbidden", "SIP/2.0 403 Forbidden");
            assertThat(server.engine.authLockouts()).isEqualTo(2);
        }

        @Test
        void theLineStillRegistersFromAnotherAddress() {
            Sipp.Result guessing = Sipp.scenario("register-brute-force.xml").as("101", "not-the-password")
                    .against(server.port());
            Sipp.Result owner = Sipp.scenario("register-auth.xml").as("101", RunningEngine.PASSWORD_101)
                    .from("127.0.0.2").against(server.port());

            assertThat(guessing.succeeded()).as("%s", guessing).isTrue();
            assertThat(owner.succeeded()).as("%s", owner).isTrue();
            assertThat(server.bindings("101")).singleElement()
                    .satisfies(b -> assertThat(b.source()).startsWith("udp:127.0.0.2:"));
        }

        @Test
        void aNeighbourLineBehindTheSameAddressStillRegisters() {
            Sipp.Result guessing = Sipp.scenario("register-brute-force.xml").as("101", "not-the-password")
                    .against(server.port());
            Sipp.Result neighbour = Sipp.scenario("register-auth.xml").as("102", RunningEngine.PASSWORD_102)
                    .against(server.port());

            assertThat(guessing.succeeded()).as("%s", guessing).isTrue();
            assertThat(neighbour.succeeded()).as("%s", neighbour).isTrue();
            assertThat(server.bindings("102")).singleElement()
                    .satisfies(b -> assertThat(b.source()).startsWith("udp:127.0.0.1:"));
            assertThat(server.engine.authLockouts()).isEqualTo(1);
        }

        @Test
        void aScannerTryingManyUserNamesGetsItsWholeAddressLocked() {
            // Wrong passwords for 4 x max-auth-failures (3) distinct names from one address: each of the first
            // eleven names is locked on its third guess, the twelfth name's first guess locks the address.
            int names = AuthFailureLimiter.SCANNER_FACTOR * 3;
            for (int i = 1; i < names; i++) {
                Sipp.Result scan = Sipp.scenario("register-brute-force.xml").as("9" + i, "guess")
                        .from("127.0.0.5").against(server.port());
                assertThat(scan.succeeded()).as("%s: %s", i, scan).isTrue();
            }
            Sipp.Result last = Sipp.scenario("register-brute-force.xml").as("9" + names, "guess")
                    .from("127.0.0.5").against(server.port());
            assertThat(last.succeeded()).as("refused on its first guess: %s", last).isFalse();
            assertThat(last.responses(401)).as("only the challenge").hasSize(1);
            assertThat(last.responses(403)).isNotEmpty();
            Sipp.Result neighbour = Sipp.scenario("register-refused.xml").as("102", RunningEngine.PASSWORD_102)
                    .from("127.0.0.5").against(server.port());
            Sipp.Result elsewhere = Sipp.scenario("register-auth.xml").as("102", RunningEngine.PASSWORD_102)
                    .from("127.0.0.6").against(server.port());

            assertThat(neighbour.succeeded()).as("refused without a challenge: %s", neighbour).isTrue();
            assertThat(elsewhere.succeeded()).as("%s", elsewhere).isTrue();
            assertThat(server.engine.authLockouts()).as("eleven names and the address").isEqualTo(names);
        }

        private List<String> statusLines(Sipp.Result result) {
            return result.received().stream().map(m -> m.lines().findFirst().orElse("")).toList();
        }

        /** The WWW-Authenticate headers received, with the nonce blanked out. */
        private List<String> challenges(Sipp.Result result) {
            return result.responses(401).stream()
                    .flatMap(String::lines)
                    .filter(l -> l.startsWith("WWW-Authenticate:"))
                    .map(l -> l.replaceAll("nonce=\"[^\"]*\"", "nonce=\"\""))
                    .toList();
        }
    }

    @Nested
    class Nonces {
        private RunningEngine shortNonces;

        @BeforeEach
        void startWithTwoSecondNonces() {
            shortNonces = new RunningEngine(Duration.ofSeconds(2)).start();
        }

        @AfterEach
        void stop() {
            shortNonces.closeInBackground();
        }

        @Test
        void anExpiredNonceWithTheRightPasswordGetsAStaleChallengeAndNoFailure() {
            Sipp.Result result = Sipp.scenario("register-stale-nonce.xml").as("101", RunningEngine.PASSWORD_101)
                    .against(shortNonces.port());

            assertThat(result.succeeded()).as("%s", result).isTrue();
            assertThat(shortNonces.engine.authFailures()).isZero();
            assertThat(shortNonces.bindings("101")).hasSize(1);
        }
    }

    @Nested
    class RedisOutage {

        @Test
        void whileRedisIsDownRegistrationGets500AndTheEngineKeepsServing() {
            try (RedisServer redis = RedisServer.start(); RunningEngine own = new RunningEngine(redis).start()) {
                redis.kill();

                Sipp.Result down = Sipp.scenario("register-storage-down.xml").as("101", RunningEngine.PASSWORD_101)
                        .against(own.port());
                Sipp.Result options = Sipp.scenario("options.xml").to("101").against(own.port());

                assertThat(down.succeeded()).as("%s", down).isTrue();
                assertThat(options.succeeded()).as("%s", options).isTrue();
                assertThat(own.engine.health().status()).isEqualTo(SipHealth.Status.UP);
            }
        }
    }

    @Nested
    class Methods {

        @Test
        void optionsOverUdpIsAnsweredWithAllowAndAccept() {
            Sipp.Result result = Sipp.scenario("options.xml").to("101").against(server.port());

            assertThat(result.succeeded()).as("%s", result).isTrue();
        }

        @Test
        void optionsOverTcpIsAnsweredWithAllowAndAccept() {
            Sipp.Result result = Sipp.scenario("options.xml").to("101").overTcp().against(server.port());

            assertThat(result.succeeded()).as("%s", result).isTrue();
        }

        @Test
        void aKnownMethodThatIsNotServedGets405WithAllow() {
            Sipp.Result result = Sipp.scenario("method-not-allowed.xml").to("101").against(server.port());

            assertThat(result.succeeded()).as("%s", result).isTrue();
        }

        @Test
        void aRequiredExtensionThatIsNotSupportedGets420() {
            Sipp.Result result = Sipp.scenario("bad-extension.xml").to("101").against(server.port());

            assertThat(result.succeeded()).as("%s", result).isTrue();
        }

        @Test
        void anUnknownMethodGets501() {
            Sipp.Result result = Sipp.scenario("unknown-method.xml").to("101").against(server.port());

            assertThat(result.succeeded()).as("%s", result).isTrue();
        }
    }

    @Nested
    class BadInput {

        @Test
        void garbageOnTheUdpPortIsDroppedAndTheEngineKeepsServing() throws IOException {
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                socket.setSoTimeout(500);
                for (byte[] junk : List.of(new byte[] {0, 1, 2, 3, (byte) 0xff}, "\r\n\r\n".getBytes(),
                        "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(), new byte[1400], "SIP/2.0 200 OK\r\n\r\n".getBytes(), new byte[60_000])) {
                    socket.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), server.port()));
                }
                assertThat(receive(socket)).as("answer to garbage").isNull();
            }

            assertThat(register("101", FreePorts.next()).succeeded()).isTrue();
        }

        @Test
        void aRequestWithoutMandatoryHeadersIsAnswered400OrDropped() throws IOException {
            String noCallId = "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-broken-1\r\n"
                    + "From: <sip:101@127.0.0.1>;tag=1\r\nTo: <sip:101@127.0.0.1>\r\n"
                    + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                socket.setSoTimeout(500);
                byte[] bytes = noCallId.getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), server.port()));
                String answer = receive(socket);
                assertThat(answer == null || answer.startsWith("SIP/2.0 400")).as("answer: %s", answer).isTrue();
            }

            assertThat(register("101", FreePorts.next()).succeeded()).isTrue();
        }

        @Test
        void garbageOnTheTcpPortClosesOnlyThatConnection() throws IOException {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 1000);
                OutputStream out = socket.getOutputStream();
                out.write(new byte[] {0, 1, 2, 3, (byte) 0xff, '\r', '\n', '\r', '\n'});
                out.write("NONSENSE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }

            Sipp.Result result = Sipp.scenario("options.xml").to("101").overTcp().against(server.port());
            assertThat(result.succeeded()).as("%s", result).isTrue();
        }

        @Test
        void anOversizedMessageOverTcpIsRefusedAndTheEngineKeepsServing() throws IOException {
            String huge = "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-huge-1\r\n"
                    + "From: <sip:101@127.0.0.1>;tag=1\r\nTo: <sip:101@127.0.0.1>\r\n"
                    + "Call-ID: huge-1\r\nCSeq: 1 REGISTER\r\nMax-Forwards: 70\r\n"
                    + "X-Padding: " + "a".repeat(100_000) + "\r\nContent-Length: 0\r\n\r\n";
            String answer;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 1000);
                socket.setSoTimeout(3000);
                try {
                    socket.getOutputStream().write(huge.getBytes(StandardCharsets.US_ASCII));
                    byte[] buffer = new byte[4096];
                    int n = socket.getInputStream().read(buffer);
                    answer = n < 0 ? "closed" : new String(buffer, 0, n, StandardCharsets.US_ASCII);
                } catch (SocketTimeoutException e) {
                    answer = "no answer";
                } catch (IOException e) {
                    answer = "closed";
                }
            }

            assertThat(answer).as("answer to 100 KB").satisfiesAnyOf(
                    a -> assertThat(a).isEqualTo("closed"),
                    a -> assertThat(a).startsWith("SIP/2.0 4"),
                    a -> assertThat(a).startsWith("SIP/2.0 5"));
            Sipp.Result result = Sipp.scenario("options.xml").to("101").overTcp().against(server.port());
            assertThat(result.succeeded()).as("%s", result).isTrue();
        }

        private String receive(DatagramSocket socket) throws IOException {
            byte[] buffer = new byte[4096];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                return new String(buffer, 0, packet.getLength(), StandardCharsets.US_ASCII);
            } catch (SocketTimeoutException e) {
                return null;
            }
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void aRunningEngineIsUpWithBothListeningPoints() {
            assertThat(server.engine.health()).isEqualTo(new SipHealth(SipHealth.Status.UP,
                    List.of("udp:127.0.0.1:" + server.port(), "tcp:127.0.0.1:" + server.port()), 0));
        }

        @Test
        void aStoppedEngineIsDown() {
            server.stop();

            assertThat(server.engine.health().status()).isEqualTo(SipHealth.Status.DOWN);
            assertThat(server.engine.health().listeningPoints()).isEmpty();
        }

        @Test
        void aRestartedEngineServesUdpAndTcpOnTheSamePortAgain() {
            server.stop();
            server.start();

            Sipp.Result udp = Sipp.scenario("options.xml").to("101").against(server.port());
            Sipp.Result tcp = Sipp.scenario("options.xml").to("101").overTcp().against(server.port());

            assertThat(udp.succeeded()).as("%s", udp).isTrue();
            assertThat(tcp.succeeded()).as("%s", tcp).isTrue();
            assertThat(server.engine.health().status()).isEqualTo(SipHealth.Status.UP);
        }

        @Test
        void startFailsWithBindFailedWhenThePortIsTaken() {
            try (RunningEngine second = new RunningEngine(RunningEngine.settings(server.port(), Duration.ofMinutes(5)))) {
                SipEngine engine = new SipEngine(second.settings, RunningEngine.LINES, second.locations,
                        java.time.Clock.systemUTC(), new java.security.SecureRandom());

                Throwable failure = second.vertx.deployVerticle(engine).toCompletionStage().toCompletableFuture()
                        .handle((ok, e) -> e).join();

                assertThat(failure).isInstanceOf(SipFailure.BindFailed.class)
                        .hasMessageContaining("127.0.0.1:" + server.port());
                assertThat(engine.health().status()).isEqualTo(SipHealth.Status.DOWN);
            }
        }
    }

    private Sipp.Result register(String line, int port) {
        Sipp.Result result = Sipp.scenario("register-auth.xml").as(line, RunningEngine.PASSWORD_101).port(port)
                .against(server.port());
        assertThat(result.succeeded()).as("%s", result).isTrue();
        return result;
    }
}
