package ua.vikno.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One baresip softphone for a test, configured as TESTING.md says: loopback only, G.711, a WAV file as its
 * microphone, what it hears dumped by {@code sndfile}, and stdin kept open as a pipe for commands.
 */
public final class Baresip implements AutoCloseable {
    private final Path dir;
    private final Process process;
    private final OutputStream stdin;

    private Baresip(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
        this.stdin = process.getOutputStream();
    }

    /**
     * Starts baresip on {@code sipPort} (it also binds TLS on the next port) with one account line and
     * {@code source} as what it sends.
     */
    public static Baresip start(int sipPort, String account, Path source) throws IOException {
        Path dir = Files.createTempDirectory("vikno-baresip-");
        Files.createDirectories(dir.resolve("snd"));
        Files.writeString(dir.resolve("config"), String.join("\n",
                "sip_listen 127.0.0.1:" + sipPort,
                "net_interface 127.0.0.1",
                "dns_server 127.0.0.1:53",
                "module_path /usr/lib/baresip/modules",
                "module stdio.so",
                "module g711.so",
                "module aufile.so",
                "module sndfile.so",
                "module_app account.so",
                "module_app contact.so",
                "module_app menu.so",
                "audio_player none",
                "audio_source aufile," + source.toAbsolutePath(),
                "audio_alert none",
                "snd_path " + dir.resolve("snd"),
                "") + "\n");
        Files.writeString(dir.resolve("accounts"), account + "\n");
        Files.writeString(dir.resolve("contacts"), "");
        Process process = new ProcessBuilder("baresip", "-f", dir.toString(), "-t", "60")
                .redirectErrorStream(true).redirectOutput(dir.resolve("baresip.log").toFile()).start();
        return new Baresip(dir, process);
    }

    /** Types a long command, such as {@code /dial sip:202@127.0.0.1:5060}. */
    public void command(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
    }

    /** What it heard: the decoded audio of its calls ({@code *-dec.wav}). */
    public List<Path> heard() throws IOException {
        try (var files = Files.list(dir.resolve("snd"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-dec.wav")).toList();
        }
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("baresip.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Stops the process; the directory stays until {@link #delete()}. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void delete() {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
