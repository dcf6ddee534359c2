package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.SharedRedis;

/** The {@code vikno} command as an operator runs it: a separate JVM, its output and its exit code. */
class MainProcessTest {

    static ProcessBuilder vikno(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        return pb;
    }

    static String readAll(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aConfigWithATypoFailsStartupNamingThePathWithoutAStackTrace(@TempDir Path dir) throws Exception {
        String text = Files.readString(TestConfigs.SAMPLE).replace("    ring-timeout: 25s\n    fallback: voicemail:general\n  certificates:",
                "    ring-timout: 25s\n    fallback: voicemail:general\n  certificates:");
        Path broken = Files.writeString(TestConfigs.SAMPLE.resolveSibling("broken-test-" + ProcessHandle.current().pid() + ".yaml"), text);
        try {
            Process p = vikno(Map.of(), "--config", broken.toString()).redirectErrorStream(true).start();
            String out = readAll(p);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(2);
            assertThat(out).contains("has 1 configuration error(s)")
                    .contains("departments.accounting.ring-timout: unknown key (did you mean 'ring-timeout'?)")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        } finally {
            Files.deleteIfExists(broken);
        }
    }

    @Test
    void checkValidatesTheSampleConfiguration() throws Exception {
        Process p = vikno(Map.of(), "--config", TestConfigs.SAMPLE.toString(), "--check").redirectErrorStream(true).start();
        String out = readAll(p);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("configuration OK (9 lines, 5 departments, 2 menus, 2 numbers)");
    }

    @Test
    void anUnknownArgumentIsAUsageError() throws Exception {
        Process p = vikno(Map.of(), "--confg", "x").redirectErrorStream(true).start();
        String out = readAll(p);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("unknown argument '--confg'").contains("usage: vikno");
    }

    @Test
    void sigtermStopsARunningServerCleanly(@TempDir Path data) throws Exception {
        int port = FreePorts.next();
        Process p = vikno(TestConfigs.environment(SharedRedis.get().url(), port, data),
                "--config", TestConfigs.SAMPLE.toString()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("Vikno ready in")) {
                    break;
                }
            }
            assertThat(lines).as("output before ready").anySatisfy(l -> assertThat(l)
                    .startsWith("Vikno ready in").contains("SIP udp+tcp 127.0.0.1:").contains("HTTP http://127.0.0.1:" + port));
            assertThat(Http.get(port, "/health").statusCode()).isEqualTo(200);

            p.toHandle().destroy(); // SIGTERM, keeping our end of its output open
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        }
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("Vikno stopped cleanly"));
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains("Exception"));
        assertThat(FreePorts.free(port)).isTrue();
    }
}
