package ua.vikno.pbx.sip;

import ua.vikno.testkit.Baresip;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.vikno.pbx.sip.registrar.Binding;
import ua.vikno.testkit.FreePorts;

/** A real softphone (baresip) registers a line with digest authentication and its contact lands in Redis. */
class BaresipRegistrationTest {
    private RunningEngine server;
    private Process baresip;
    private Path dir;

    @BeforeEach
    void startEngine() {
        server = new RunningEngine().start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (baresip != null) {
            baresip.destroy();
            if (!baresip.waitFor(5, TimeUnit.SECONDS)) {
                baresip.destroyForcibly();
            }
        }
        server.close();
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // a leftover temporary directory is harmless
            }
        }
    }

    @Test
    void baresipRegistersLine101() throws Exception {
        int port = FreePorts.next();
        FreePorts.next(); // baresip also binds SIP/TLS on port + 1
        start(port, "<sip:101@127.0.0.1:" + server.port() + ">;auth_pass=" + RunningEngine.PASSWORD_101
                + ";regint=600;audio_codecs=PCMU,PCMA");

        List<Binding> bindings = awaitBindings("101", b -> b.contact().contains("@127.0.0.1:" + port));

        assertThat(bindings).as("bindings of 101; baresip said:%n%s", log()).singleElement()
                .satisfies(b -> assertThat(b.expiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(9))));
    }

    @Test
    void baresipUnregistersWhenItQuits() throws Exception {
        int port = FreePorts.next();
        FreePorts.next();
        start(port, "<sip:102@127.0.0.1:" + server.port() + ">;auth_pass=" + RunningEngine.PASSWORD_102
                + ";regint=600");
        assertThat(awaitBindings("102", b -> true)).as("baresip said:%n%s", log()).hasSize(1);

        baresip.destroy();
        baresip.waitFor(5, TimeUnit.SECONDS);

        assertThat(awaitBindingList("102", List::isEmpty)).isEmpty();
    }

    @Test
    void baresipWithAWrongPasswordIsNotRegistered() throws Exception {
        int port = FreePorts.next();
        FreePorts.next();
        start(port, "<sip:101@127.0.0.1:" + server.port() + ">;auth_pass=wrong;regint=600");

        awaitFailures(1);

        assertThat(server.bindings("101")).isEmpty();
        assertThat(server.engine.authFailures()).as("baresip said:%n%s", log()).isPositive();
    }

    private void start(int port, String account) throws IOException {
        dir = Files.createTempDirectory("vikno-baresip-");
        Files.writeString(dir.resolve("config"), String.join("\n",
                "sip_listen 127.0.0.1:" + port,
                "net_interface 127.0.0.1",
                "dns_server 127.0.0.1:53",
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module_app account.so",
                "audio_player none",
                "audio_source none",
                "") );
        Files.writeString(dir.resolve("accounts"), account + "\n");
        // stdin stays an open pipe for the life of the process, as baresip wants.
        baresip = new ProcessBuilder("baresip", "-f", dir.toString(), "-t", "30")
                .redirectErrorStream(true).redirectOutput(dir.resolve("baresip.log").toFile()).start();
    }

    /** Polls the location service for up to 10 s until one binding of {@code line} is as wanted. */
    private List<Binding> awaitBindings(String line, Predicate<Binding> wanted) throws InterruptedException {
        return awaitBindingList(line, bindings -> bindings.stream().anyMatch(wanted));
    }

    private List<Binding> awaitBindingList(String line, Predicate<List<Binding>> wanted)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        List<Binding> bindings = server.bindings(line);
        while (!wanted.test(bindings) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            bindings = server.bindings(line);
        }
        return bindings;
    }

    private void awaitFailures(long n) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (server.engine.authFailures() < n && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("baresip.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
