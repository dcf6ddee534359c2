package ua.vikno.pbx.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.vikno.config.Line;
import ua.vikno.config.Network;
import ua.vikno.config.Secret;
import ua.vikno.config.Trunk;
import ua.vikno.pbx.AudioPrompt;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.ConnectRequest;
import ua.vikno.pbx.Destination;
import ua.vikno.pbx.PlayOptions;
import ua.vikno.pbx.sip.auth.DigestCredentials;
import ua.vikno.pbx.sip.auth.RequestDigest;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.Tones;

/**
 * Calls from lines to numbers outside, through a trunk to a provider played by SIPp on 127.0.0.1: the provider
 * challenges the INVITE with 407 and the engine answers with the trunk's credentials.
 */
class TrunkCallProtocolTest {
    static final String CALLER_ID = "+380444960000";
    static final String TRUNK_USER = "vikno-trunk";
    static final String TRUNK_PASSWORD = "trunk-secret";
    static final List<Line> LINES = List.of(
            new Line("101", "Operator one", new Secret(RunningEngine.PASSWORD_101), Optional.empty(), Set.of(), true),
            new Line("102", "Operator two", new Secret(RunningEngine.PASSWORD_102), Optional.empty(), Set.of(), false));

    private final int providerPort = FreePorts.next();
    private final int otherTrunkPort = FreePorts.next();
    private RunningEngine server;

    @BeforeEach
    void startEngine() {
        server = new RunningEngine(RunningEngine.settings(FreePorts.next(), Duration.ofMinutes(5)), LINES);
        server.trunks = List.of(new Trunk("city", Trunk.Mode.STATIC, "127.0.0.1", providerPort,
                Network.Transport.UDP, List.of("127.0.0.1:" + providerPort),
                Optional.of(new Trunk.Registration(TRUNK_USER, new Secret(TRUNK_PASSWORD), Duration.ofMinutes(5))),
                CALLER_ID), new Trunk("other", Trunk.Mode.STATIC, "127.0.0.1", otherTrunkPort,
                Network.Transport.UDP, List.of("127.0.0.1:" + otherTrunkPort), Optional.empty(), CALLER_ID));
        server.emergencyNumbers = List.of("112");
        server.start();
    }

    @AfterEach
    void stopEngine() {
        server.closeInBackground();
    }

    private CompletableFuture<Sipp.Result> provider(String scenario) {
        return Sipp.scenario(scenario).port(providerPort).startAgainst(server.port());
    }

    private Sipp.Result dial(String scenario, String line, String password, String number) {
        return Sipp.scenario(scenario).calling(line, password, number).against(server.port());
    }

    @Test
    void aLineDialsACityNumberTheProviderSeesTheTrunksCallerIdAndTheLineHangsUp() throws Exception {
        CompletableFuture<Sipp.Result> provider = provider("provider-challenge-answer.xml");

        Sipp.Result caller = dial("call-bye-caller.xml", "101", RunningEngine.PASSWORD_101, "0441234567");
        Sipp.Result seen = provider.get(20, TimeUnit.SECONDS);

        assertThat(caller.succeeded()).as("%s", caller).isTrue();
        assertThat(seen.succeeded()).as("%s", seen).isTrue();
        List<String> invites = seen.requests("INVITE");
        assertThat(invites).hasSize(2);
        String authorized = invites.get(1);
        assertThat(authorized).startsWith("INVITE sip:0441234567@127.0.0.1:" + providerPort + " SIP/2.0");
        assertThat(header(authorized, "From")).contains("<sip:" + CALLER_ID + "@127.0.0.1>");
        assertThat(header(authorized, "P-Asserted-Identity")).isEqualTo("<sip:" + CALLER_ID + "@127.0.0.1>");
        assertThat(authorized).doesNotContain("sip:101@");
        assertDigestAnswers(invites.get(1), "provider.test");
        awaitNoCalls();
    }

    @Test
    void aProviderThatRefusesTheTrunksPasswordWithAFreshNonceIsAskedTwiceAtMost() throws Exception {
        CompletableFuture<Sipp.Result> provider = provider("provider-fresh-nonce-invite.xml");

        Sipp.Result caller = dial("call-refused-480.xml", "101", RunningEngine.PASSWORD_101, "0441234567");
        Sipp.Result seen = provider.get(20, TimeUnit.SECONDS);

        assertThat(caller.succeeded()).as("the line is refused: %s", caller).isTrue();
        assertThat(seen.succeeded()).as("no third INVITE: %s", seen).isTrue();
        assertThat(seen.requests("INVITE")).hasSize(2);
        awaitNoCalls();
    }

    @Test
    void aPromptPlayingToTheCallerStopsWhenTheProvidersEarlyMediaStarts(@TempDir Path dir) throws Exception {
        Path tone = Tones.write(dir.resolve("hold.wav"), 440, 0.5);
        CompletableFuture<Long> promptEnded = new CompletableFuture<>();
        CompletableFuture<Long> bridged = new CompletableFuture<>();
        server.pbx().onIncomingCall(call -> {
            call.onEvent(e -> {
                if (e instanceof CallEvent.Bridged) {
                    bridged.complete(System.nanoTime());
                }
            });
            call.answer().onSuccess(v -> {
                call.play(new AudioPrompt("hold", tone), PlayOptions.LOOP)
                        .onComplete(p -> promptEnded.complete(System.nanoTime()));
                call.connect(new ConnectRequest(List.of(new Destination.External("0441234567", "city")),
                        Duration.ofSeconds(10), Optional.empty(), Optional.empty()));
            });
        });
        CompletableFuture<Sipp.Result> provider = provider("provider-early-media-then-bye.xml");

        Sipp.Result caller = dial("call-bye-callee.xml", "101", RunningEngine.PASSWORD_101, "700");
        Sipp.Result seen = provider.get(20, TimeUnit.SECONDS);

        assertThat(caller.succeeded()).as("%s", caller).isTrue();
        assertThat(seen.succeeded()).as("%s", seen).isTrue();
        long stoppedBeforeAnswer = TimeUnit.NANOSECONDS.toMillis(bridged.get(5, TimeUnit.SECONDS)
                - promptEnded.get(5, TimeUnit.SECONDS));
        assertThat(stoppedBeforeAnswer).as("the prompt stopped at the 183, 1.5 s before the 200").isGreaterThan(700);
        awaitNoCalls();
    }

    @Test
    void theProviderHangsUpAndTheLineGetsBye() throws Exception {
        CompletableFuture<Sipp.Result> provider = provider("provider-answer-then-bye.xml");

        Sipp.Result caller = dial("call-bye-callee.xml", "101", RunningEngine.PASSWORD_101, "+380501112233");
        Sipp.Result seen = provider.get(20, TimeUnit.SECONDS);

        assertThat(caller.succeeded()).as("%s", caller).isTrue();
        assertThat(seen.succeeded()).as("%s", seen).isTrue();
        assertThat(seen.requests("INVITE").get(1)).startsWith("INVITE sip:+380501112233@127.0.0.1:" + providerPort);
        awaitNoCalls();
    }

    @Test
    void theLineGivesUpWhileTheNumberRingsAndTheProviderGetsCancel() throws Exception {
        CompletableFuture<Sipp.Result> provider = provider("provider-ring-cancelled.xml");

        Sipp.Result caller = dial("call-cancel-ringing.xml", "101", RunningEngine.PASSWORD_101, "0441234567");
        Sipp.Result seen = provider.get(20, TimeUnit.SECONDS);

        assertThat(caller.succeeded()).as("%s", caller).isTrue();
        assertThat(seen.succeeded()).as("%s", seen).isTrue();
        assertThat(seen.requests("CANCEL")).hasSize(1);
        awaitNoCalls();
    }

    @Test
    void aLineThatMayNotDialOutGets403AndTheProviderHearsNothing() throws Exception {
        try (DatagramSocket provider = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                providerPort))) {
            provider.setSoTimeout(1500);

            Sipp.Result caller = dial("call-refused-403.xml", "102", RunningEngine.PASSWORD_102, "0441234567");

            assertThat(caller.succeeded()).as("%s", caller).isTrue();
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            try {
                provider.receive(packet);
                throw new AssertionError("the provider received: " + new String(packet.getData(), 0,
                        packet.getLength(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (SocketTimeoutException expected) {
                // nothing reached the provider
            }
        }
        assertThat(server.pbx().activeCalls()).isZero();
    }

    @Test
    void aLineThatMayNotDialOutStillReachesTheProviderWithAnEmergencyNumber() throws Exception {
        try (DatagramSocket provider = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                providerPort))) {
            provider.setSoTimeout(1500);

            Sipp.Result outside = dial("call-refused-403.xml", "102", RunningEngine.PASSWORD_102, "0441234567");

            assertThat(outside.succeeded()).as("an ordinary number is still refused: %s", outside).isTrue();
            assertNothingReceived(provider);
        }
        CompletableFuture<Sipp.Result> provider = provider("provider-challenge-answer.xml");

        Sipp.Result caller = dial("call-bye-caller.xml", "102", RunningEngine.PASSWORD_102, "112");
        Sipp.Result seen = provider.get(20, TimeUnit.SECONDS);

        assertThat(caller.succeeded()).as("%s", caller).isTrue();
        assertThat(seen.succeeded()).as("%s", seen).isTrue();
        String authorized = seen.requests("INVITE").get(1);
        assertThat(authorized).startsWith("INVITE sip:112@127.0.0.1:" + providerPort + " SIP/2.0");
        assertThat(header(authorized, "P-Asserted-Identity")).isEqualTo("<sip:" + CALLER_ID + "@127.0.0.1>");
        awaitNoCalls();
    }

    @Test
    void anEmergencyNumberWithoutATrunkGets404() throws Exception {
        try (RunningEngine noTrunk = new RunningEngine(RunningEngine.settings(FreePorts.next(), Duration.ofMinutes(5)),
                LINES)) {
            noTrunk.emergencyNumbers = List.of("112");
            noTrunk.start();
            List<ua.vikno.pbx.Call> offered = new java.util.concurrent.CopyOnWriteArrayList<>();
            noTrunk.pbx().onIncomingCall(offered::add);

            Sipp.Result caller = Sipp.scenario("call-refused-404.xml").calling("102", RunningEngine.PASSWORD_102, "112")
                    .against(noTrunk.port());

            assertThat(caller.succeeded()).as("%s", caller).isTrue();
            assertThat(offered).as("an emergency call is never offered to the handler").isEmpty();
            assertThat(noTrunk.pbx().activeCalls()).isZero();
        }
    }

    @Test
    void aCallerFromATrunkCannotCallOutThroughATrunk() throws Exception {
        try (DatagramSocket provider = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                providerPort))) {
            provider.setSoTimeout(1500);

            Sipp.Result caller = Sipp.scenario("trunk-call-refused-404.xml").set("caller", "+380501112233")
                    .to("0441234567").port(otherTrunkPort).against(server.port());

            assertThat(caller.succeeded()).as("%s", caller).isTrue();
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            try {
                provider.receive(packet);
                throw new AssertionError("the provider received: " + new String(packet.getData(), 0,
                        packet.getLength(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (SocketTimeoutException expected) {
                // nothing reached the provider
            }
        }
    }

    private static void assertNothingReceived(DatagramSocket provider) throws java.io.IOException {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        try {
            provider.receive(packet);
            throw new AssertionError("the provider received: " + new String(packet.getData(), 0,
                    packet.getLength(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (SocketTimeoutException expected) {
            // nothing reached the provider
        }
    }

    /** The Proxy-Authorization of {@code request} is a correct MD5 digest of the trunk's password (RFC 2617). */
    private static void assertDigestAnswers(String request, String realm) {
        Map<String, String> p = digestParams(header(request, "Proxy-Authorization"));
        assertThat(p).containsEntry("username", TRUNK_USER).containsEntry("realm", realm).containsEntry("qop", "auth")
                .containsEntry("opaque", "op4que");
        DigestCredentials sent = new DigestCredentials(p.get("username"), p.get("realm"), p.get("nonce"), p.get("uri"),
                p.get("response"), Optional.ofNullable(p.get("algorithm")), Optional.ofNullable(p.get("qop")),
                Optional.ofNullable(p.get("nc")), Optional.ofNullable(p.get("cnonce")), Optional.ofNullable(p.get("opaque")));
        String expected = RequestDigest.response(RequestDigest.ha1(TRUNK_USER, realm, TRUNK_PASSWORD), "INVITE", sent);
        assertThat(p.get("response")).isEqualTo(expected);
    }

    private static Map<String, String> digestParams(String value) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(\"([^\"]*)\"|[^,\\s]+)").matcher(value);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(3) != null ? m.group(3) : m.group(2));
        }
        return params;
    }

    private static String header(String message, String name) {
        for (String line : message.split("\r?\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).strip();
            }
        }
        throw new AssertionError("no " + name + " in " + message);
    }

    private void awaitNoCalls() throws InterruptedException {
        for (int i = 0; i < 50 && (server.pbx().activeCalls() > 0 || server.rtpPorts.inUse() > 0); i++) {
            Thread.sleep(100);
        }
        assertThat(server.pbx().activeCalls()).isZero();
        assertThat(server.rtpPorts.inUse()).isZero();
    }
}
