package ua.vikno.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static ua.vikno.sms.GatewayFixture.await;
import static ua.vikno.sms.GatewayFixture.eventually;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.lettuce.core.RedisClient;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ua.vikno.config.RedisSettings;
import ua.vikno.config.Secret;
import ua.vikno.config.Sms;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.SharedRedis;

/**
 * The gateway against a second, independent SMPP implementation (Perl Net::SMPP, Debian libnet-smpp-perl),
 * which decodes UDH and UCS-2 on its own: our encoding is checked by someone else's reading of it.
 */
class IndependentSmscTest {
    static final String RESIDENT = "+380671234567";

    final Vertx vertx = Vertx.vertx();
    final RedisClient redis = RedisClient.create();
    final int port = FreePorts.next();
    final List<String> lines = new CopyOnWriteArrayList<>();
    Process perl;
    SmsGateway gateway;

    @BeforeEach
    void startPerlSmsc() throws IOException {
        assumeTrue(Files.isRegularFile(Path.of("/usr/share/perl5/Net/SMPP.pm")),
                "needs the Debian package libnet-smpp-perl");
        Path script = Path.of("src/test/resources/perl-smsc.pl").toAbsolutePath();
        perl = new ProcessBuilder("perl", script.toString(), String.valueOf(port), "vikno", "perl-pw1")
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(perl.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("READ-ERROR " + e);
            }
        }, "perl-smsc-stdout");
        reader.setDaemon(true);
        reader.start();
        eventually(() -> assertThat(lines).as("perl SMSC output").contains("LISTENING " + port));
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            await(gateway.stop());
        }
        if (perl != null) {
            perl.destroyForcibly().waitFor();
        }
        redis.shutdown();
        await(vertx.close());
    }

    @Test
    void aLongUkrainianSmsIsReadBackExactlyByNetSmppAndItsReceiptMarksItDelivered() {
        Sms sample = SampleConfig.SMS;
        Sms sms = new Sms(true, new Sms.Smpp("127.0.0.1", port, "vikno", new Secret("perl-pw1"), "", 5,
                Duration.ofSeconds(5), Duration.ofMillis(400)), "ObolonServ", 0, 3, sample.mobilePatterns(),
                sample.templates(), new Sms.Simulator(false, "127.0.0.1", port));
        gateway = new SmsGateway(vertx, sms, redis,
                new RedisSettings(SharedRedis.get().url(), Duration.ofSeconds(2), Duration.ofSeconds(10)),
                SmsGatewayOptions.defaults("perl").withKeyPrefix("vikno:{sms-perl-" + port + "}")
                        .withReconnectInitial(Duration.ofMillis(100)),
                Clock.systemUTC(), Ticker.system(), SmsStatusListener.none());
        await(gateway.start());
        String text = SmsEncoderTest.ukrainian(140);

        await(gateway.enqueue(new OutgoingSms("perl-1", RESIDENT, text, "2026-000123")));

        eventually(() -> assertThat(parts()).hasSize(3));
        List<String[]> parts = parts();
        assertThat(parts).allSatisfy(p -> {
            assertThat(p[2]).as("total").isEqualTo("3");
            assertThat(p[4]).as("destination").isEqualTo("380671234567");
            assertThat(p[1]).as("reference").isEqualTo(parts.get(0)[1]);
        });
        String joined = parts.stream().sorted((a, b) -> Integer.compare(Integer.parseInt(a[3]), Integer.parseInt(b[3])))
                .map(p -> p[5]).collect(Collectors.joining());
        assertThat(joined).isEqualTo(text);
        eventually(() -> assertThat(await(gateway.status("perl-1"))).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(SmsStatus.DELIVERED);
            assertThat(r.smscMessageIds()).hasSize(3).allMatch(id -> id.startsWith("perl"));
        }));
    }

    /** PART lines split into [PART, ref, total, seq, destination, text]. */
    private List<String[]> parts() {
        return lines.stream().filter(l -> l.startsWith("PART ")).map(l -> l.split(" ", 6)).toList();
    }
}
