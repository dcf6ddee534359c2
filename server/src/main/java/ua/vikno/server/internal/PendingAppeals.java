package ua.vikno.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import ua.vikno.appeals.CompletedCall;

/**
 * A durable spool of completed calls whose appeals are not stored yet: one file per call in its directory
 * ({@code pending-appeals/} beside the recordings), holding the call's JSON as it is stored beside its appeal.
 * A file is written whole or not at all (temporary file, fsync, rename, fsync of the directory), so a crash or
 * SIGKILL leaves either the call or nothing. The file I/O runs on one worker thread of its own, in the order asked.
 */
public final class PendingAppeals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PendingAppeals.class);
    static final String SUFFIX = ".json";
    static final String TEMPORARY = ".tmp";
    static final String BAD = ".bad";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,119}");

    private final Path directory;
    private final WorkerExecutor worker;
    private boolean closed;

    public PendingAppeals(Vertx vertx, Path directory) {
        this.directory = directory;
        this.worker = vertx.createSharedWorkerExecutor("vikno-pending-appeals", 1);
    }

    public Path directory() {
        return directory;
    }

    /** Writes the call durably; completes once the file and its name are on disk. */
    public Future<Void> write(CompletedCall call) {
        byte[] json = call.toJson().encode().getBytes(StandardCharsets.UTF_8);
        return onWorker(() -> {
            writeNow(call.callId(), json);
            return null;
        });
    }

    /** Forgets the call once its appeal is stored; nothing happens when it was never written. */
    public Future<Void> delete(String callId) {
        return onWorker(() -> {
            // no fsync of the directory: a file that comes back after a crash registers nothing twice
            Files.deleteIfExists(directory.resolve(fileName(callId)));
            return null;
        });
    }

    /**
     * Every call the spool holds, oldest end first. A file that cannot be read as a call is logged and moved aside
     * (renamed to {@code *.bad}) instead; a temporary file a crash left behind is taken when it holds a whole call.
     */
    public Future<List<CompletedCall>> readAll() {
        return onWorker(this::readAllNow);
    }

    /** Idempotent; what is asked afterwards fails. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            worker.close();
        }
    }

    private synchronized <T> Future<T> onWorker(java.util.concurrent.Callable<T> work) {
        if (closed) {
            return Future.failedFuture(new IllegalStateException("the spool " + directory + " is closed"));
        }
        return worker.executeBlocking(work, true);
    }

    private void writeNow(String callId, byte[] json) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(fileName(callId));
        Path temporary = target.resolveSibling(target.getFileName() + TEMPORARY);
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(json);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
    }

    private List<CompletedCall> readAllNow() throws IOException {
        List<CompletedCall> calls = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return calls;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            entries.forEach(files::add);
        }
        files.sort(Comparator.naturalOrder());
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(SUFFIX)) {
                read(file).ifPresent(calls::add);
            } else if (name.endsWith(SUFFIX + TEMPORARY)) {
                Path target = file.resolveSibling(name.substring(0, name.length() - TEMPORARY.length()));
                if (Files.exists(target)) {
                    Files.deleteIfExists(file); // the rename did not happen, but an earlier write of the call did
                    continue;
                }
                Optional<CompletedCall> whole = read(file);
                if (whole.isPresent()) {
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                    syncDirectory();
                    calls.add(whole.get());
                }
            }
        }
        calls.sort(Comparator.comparing(CompletedCall::endedAt).thenComparing(CompletedCall::callId));
        return calls;
    }

    private Optional<CompletedCall> read(Path file) throws IOException {
        String problem;
        try {
            CompletedCall call = CompletedCall.fromJson(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)));
            String expected = fileName(call.callId());
            String name = file.getFileName().toString();
            if (name.equals(expected) || name.equals(expected + TEMPORARY)) {
                return Optional.of(call);
            }
            problem = "it holds call " + call.callId() + ", whose file would be " + expected;
        } catch (RuntimeException e) {
            problem = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
        }
        Path aside = aside(file);
        Files.move(file, aside);
        LOG.atError().addKeyValue("file", file.toString())
                .log("pending appeal {} cannot be read ({}); moved aside to {}: its call needs an operator's look",
                        file.getFileName(), problem, aside.getFileName());
        return Optional.empty();
    }

    private static Path aside(Path file) {
        Path aside = file.resolveSibling(file.getFileName() + BAD);
        for (int n = 1; Files.exists(aside); n++) {
            aside = file.resolveSibling(file.getFileName() + "." + n + BAD);
        }
        return aside;
    }

    private void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /**
     * The call's file name: the call id itself when it is a plain name, else its safe characters and a digest
     * (a SIP Call-ID may hold any character).
     */
    static String fileName(String callId) {
        if (PLAIN.matcher(callId).matches()) {
            return callId + SUFFIX;
        }
        String safe = callId.replaceAll("[^A-Za-z0-9._@-]", "_");
        safe = safe.substring(0, Math.min(safe.length(), 80));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(callId.getBytes(StandardCharsets.UTF_8));
            return safe + "~" + HexFormat.of().formatHex(digest, 0, 8) + SUFFIX;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }
}
