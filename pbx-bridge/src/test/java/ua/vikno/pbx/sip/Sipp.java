package ua.vikno.pbx.sip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ua.vikno.testkit.FreePorts;

/**
 * Runs one SIPp scenario from {@code src/test/sipp} as a real peer: loopback addresses, explicit ports, one call,
 * bounded timeouts, and the messages it saw kept for assertions and for failure messages.
 */
final class Sipp {
    private static final Path SCENARIOS = Path.of("src/test/sipp").toAbsolutePath();

    private final String scenario;
    private final List<String> args = new ArrayList<>();
    private String localAddress = "127.0.0.1";
    private int localPort = FreePorts.next();
    private String transport = "u1";
    private int timeoutSeconds = 10;

    private Sipp(String scenario) {
        this.scenario = scenario;
    }

    static Sipp scenario(String name) {
        return new Sipp(name);
    }

    /** Registers or calls as {@code line} with {@code password} for digest challenges. */
    Sipp as(String line, String password) {
        args.addAll(List.of("-s", line, "-au", line, "-ap", password));
        return this;
    }

    /** Answers digest challenges as {@code user} with {@code password}, whatever line the request names. */
    Sipp credentials(String user, String password) {
        args.addAll(List.of("-au", user, "-ap", password));
        return this;
    }

    /** Targets {@code line} without credentials. */
    Sipp to(String line) {
        args.addAll(List.of("-s", line));
        return this;
    }

    /** Sets a scenario variable, read as {@code [$name]} (such as the calling line, {@code [$caller]}). */
    Sipp set(String name, String value) {
        args.addAll(List.of("-set", name, value));
        return this;
    }

    /** Calls as {@code line} (digest credentials for the 407) to {@code dialled}. */
    Sipp calling(String line, String password, String dialled) {
        return set("caller", line).credentials(line, password).to(dialled);
    }

    /**
     * Runs in the background, for a scenario that waits for the engine to call it; returns once SIPp's SIP port is
     * bound (or after 5 s), so that a call placed next finds it listening even on a loaded machine.
     */
    java.util.concurrent.CompletableFuture<Result> startAgainst(int serverPort) {
        var result = java.util.concurrent.CompletableFuture.supplyAsync(() -> against(serverPort));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!bound(localPort) && !result.isDone() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return result;
    }

    /** Whether some socket is bound to {@code port}, UDP or listening TCP, by /proc/net (no bind attempt of ours). */
    private boolean bound(int port) {
        String hexPort = String.format(":%04X ", port);
        for (String table : List.of("/proc/net/udp", "/proc/net/tcp")) {
            try {
                if (Files.readAllLines(Path.of(table)).stream().anyMatch(l -> l.contains(hexPort))) {
                    return true;
                }
            } catch (IOException e) {
                return true; // cannot tell: carry on as before
            }
        }
        return false;
    }

    int localPort() {
        return localPort;
    }

    Sipp from(String address) {
        this.localAddress = address;
        return this;
    }

    Sipp port(int port) {
        this.localPort = port;
        return this;
    }

    /** Lets the scenario run up to {@code seconds} (10 unless set), for a peer that outlives several calls. */
    Sipp lasting(int seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    Sipp overTcp() {
        this.transport = "t1";
        return this;
    }

    /** Runs against {@code 127.0.0.1:serverPort} and returns when SIPp exits. */
    Result against(int serverPort) {
        try {
            Path dir = Files.createTempDirectory("vikno-sipp-");
            Path messages = dir.resolve("messages.log");
            Path errors = dir.resolve("errors.log");
            List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + serverPort,
                    "-sf", SCENARIOS.resolve(scenario).toString(),
                    "-i", localAddress, "-mi", localAddress, "-p", Integer.toString(localPort),
                    "-mp", Integer.toString(FreePorts.sippMediaPorts()), "-t", transport,
                    "-m", "1", "-timeout", timeoutSeconds + "s", "-timeout_error", "-recv_timeout", "5s", "-nostdin",
                    "-trace_msg", "-message_file", messages.toString(),
                    "-trace_err", "-error_file", errors.toString()));
            command.addAll(args);
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("screen.log").toFile()).start();
            Result result;
            if (!process.waitFor(timeoutSeconds + 10L, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                result = new Result(-1, read(messages), read(errors) + "\nSIPp did not exit in time");
            } else {
                result = new Result(process.exitValue(), read(messages), read(errors) + read(dir.resolve("screen.log")));
            }
            delete(dir);
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run sipp (is the sip-tester package installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /**
     * What SIPp reported.
     *
     * @param exitCode 0 when every call succeeded, 1 when some failed, 99 when none was processed, 255 fatal
     * @param messages every message sent and received
     */
    record Result(int exitCode, String messages, String errors) {

        boolean succeeded() {
            return exitCode == 0;
        }

        /** The received messages that are responses with this status. */
        List<String> responses(int status) {
            return received().stream().filter(m -> m.startsWith("SIP/2.0 " + status + " ")).toList();
        }

        /** The requests received with this method, each from its start line. */
        List<String> requests(String method) {
            List<String> found = new ArrayList<>();
            for (String block : messages.split("-{10,}")) {
                int start = block.indexOf(method + " sip:");
                if (start >= 0 && block.contains("message received")) {
                    found.add(block.substring(start).strip());
                }
            }
            return found;
        }

        /** Every message received, in order, from its start line. */
        List<String> received() {
            List<String> found = new ArrayList<>();
            for (String block : messages.split("-{10,}")) {
                int start = block.indexOf("SIP/2.0 ");
                if (start >= 0 && block.contains("message received")) {
                    found.add(block.substring(start).strip());
                }
            }
            return found;
        }

        @Override
        public String toString() {
            return "SIPp exit " + exitCode + "\n--- errors ---\n" + errors + "\n--- messages ---\n" + messages;
        }
    }
}
