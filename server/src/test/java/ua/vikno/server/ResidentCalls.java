package ua.vikno.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ua.vikno.testkit.FreePorts;

/**
 * Residents calling the hotline through the trunk with SIPp ({@code src/test/sipp/resident-hangs-up.xml}): every
 * resident calls at once from the trunk's address, listens for a while and hangs up.
 */
final class ResidentCalls {
    static final Path SCENARIOS = Path.of("src/test/sipp").toAbsolutePath();

    private ResidentCalls() {
    }

    /**
     * Places the calls and waits for SIPp to finish.
     *
     * @param sipPort   the server's SIP port
     * @param trunkPort the port the sample configuration's trunk sends from (VIKNO_TRUNK_PORT)
     */
    static Result place(Path workDir, int sipPort, int trunkPort, List<String> residents, Duration listen)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(workDir, "sipp-");
        Path csv = dir.resolve("residents.csv");
        Files.writeString(csv, "SEQUENTIAL\n" + String.join("\n", residents.stream().map(r -> r + ";").toList()) + "\n");
        List<String> command = List.of("sipp", "127.0.0.1:" + sipPort, "-sf",
                SCENARIOS.resolve("resident-hangs-up.xml").toString(),
                "-inf", csv.toString(), "-s", "+380444960000", "-i", "127.0.0.1", "-mi", "127.0.0.1",
                "-p", String.valueOf(trunkPort), "-mp", String.valueOf(FreePorts.next()), "-t", "u1",
                "-m", String.valueOf(residents.size()), "-l", String.valueOf(residents.size()), "-r", "10",
                "-d", String.valueOf(listen.toMillis()), "-timeout", "30s", "-timeout_error", "-recv_timeout", "10s",
                "-nostdin", "-trace_err", "-error_file", dir.resolve("errors.log").toString());
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("screen.log").toFile()).start();
        if (!p.waitFor(40, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return new Result(-1, read(dir.resolve("errors.log")) + "\nSIPp did not exit within 40 s");
        }
        return new Result(p.exitValue(), read(dir.resolve("errors.log")));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    record Result(int exitCode, String errors) {
        @Override
        public String toString() {
            return "SIPp exit " + exitCode + "\n" + errors;
        }
    }
}
