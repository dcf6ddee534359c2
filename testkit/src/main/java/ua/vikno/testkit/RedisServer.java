package ua.vikno.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on 127.0.0.1 for tests, with AOF persistence in its own directory,
 * that a test may stop and start again (same port, same data) to prove recovery.
 */
public final class RedisServer implements AutoCloseable {
    private final int port;
    private final Path dir;
    private Process process;

    private RedisServer(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Starts a new server on a free port with a fresh data directory. */
    public static RedisServer start() {
        try {
            RedisServer server = new RedisServer(FreePorts.next(), Files.createTempDirectory("vikno-redis-"));
            server.startAgain();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Redis data directory", e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts (or restarts) the server on the same port and directory; returns when it answers PING. */
    public synchronized void startAgain() {
        if (isRunning()) {
            return;
        }
        try {
            process = new ProcessBuilder(List.of(binary(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always",
                    "--save", "", "--daemonize", "no", "--protected-mode", "yes", "--loglevel", "warning"))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (is the redis-server package installed?"
                    + " scripts/test installs it)", e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (ping()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + log());
            }
            sleep(20);
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING: " + log());
    }

    /** Stops the server abruptly (SIGKILL), as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** Stops the server the polite way (SIGTERM: it writes its AOF and exits). */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            waitFor();
        }
    }

    /** Sends one command in RESP and returns the raw first reply line, for tests that peek at state. */
    public String command(String... args) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(2000);
            StringBuilder req = new StringBuilder("*" + args.length + "\r\n");
            for (String a : args) {
                req.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        } catch (IOException e) {
            return "-ERR " + e.getMessage();
        }
    }

    public boolean ping() {
        return command("PING").equals("+PONG");
    }

    @Override
    public void close() {
        kill();
    }

    private void waitFor() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static String binary() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "redis-server";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
