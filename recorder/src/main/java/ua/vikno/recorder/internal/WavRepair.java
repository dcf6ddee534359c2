package ua.vikno.recorder.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the WAVs a crash left behind playable again: a header whose sizes do not match the file gets the sizes of
 * the whole sample frames present (a torn last frame is cut), and a file too short to hold any audio is deleted.
 * Partial outputs of interrupted conversions are deleted. Blocking; run on a worker before recording starts.
 */
public final class WavRepair {
    private static final Logger log = LoggerFactory.getLogger(WavRepair.class);

    /** A WAV found at start, after repair if it needed one. */
    public record Found(Path wav, String callId, long dataBytes, boolean repaired) {
    }

    private final RecordingFiles files;
    private final Predicate<String> recording;

    /** @param recording whether a call is being recorded now: its WAV is in use and left alone */
    public WavRepair(RecordingFiles files, Predicate<String> recording) {
        this.files = files;
        this.recording = recording;
    }

    /** Repairs every unfinished WAV under the directory and returns those holding audio. */
    public List<Found> run() throws IOException {
        for (Path partial : files.partialFiles()) {
            Files.deleteIfExists(partial);
        }
        List<Found> found = new ArrayList<>();
        for (Path wav : files.unfinishedFiles()) {
            Optional<String> callId = RecordingFiles.callIdOf(wav);
            if (callId.isEmpty()) {
                log.atWarn().addKeyValue("wav", files.relative(wav)).log("unfinished WAV with no call id in its name, left alone");
                continue;
            }
            if (recording.test(callId.get())) {
                continue;
            }
            try {
                repair(wav, callId.get()).ifPresent(found::add);
            } catch (IOException e) {
                log.atWarn().addKeyValue("call", callId.get()).addKeyValue("wav", files.relative(wav))
                        .log("cannot repair the WAV: {}", e.toString());
            }
        }
        return found;
    }

    /** Repairs one file; empty when it held no audio and was deleted. */
    public Optional<Found> repair(Path wav, String callId) throws IOException {
        long size = Files.size(wav);
        long whole = Math.max(0, (size - WavHeader.SIZE) / WavHeader.BLOCK_ALIGN * WavHeader.BLOCK_ALIGN);
        long data = Math.min(whole, WavHeader.MAX_DATA_BYTES / WavHeader.BLOCK_ALIGN * WavHeader.BLOCK_ALIGN);
        if (data == 0) {
            Files.delete(wav);
            log.atWarn().addKeyValue("call", callId).addKeyValue("wav", files.relative(wav))
                    .log("unfinished WAV held no audio, deleted");
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(wav, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(WavHeader.SIZE);
            while (header.hasRemaining() && ch.read(header, header.position()) > 0) {
                // read the whole header
            }
            header.flip();
            if (WavHeader.declaredDataBytes(header).filter(d -> d == size - WavHeader.SIZE).isPresent()) {
                return Optional.of(new Found(wav, callId, data, false));
            }
            ByteBuffer fixed = WavHeader.of(data);
            long p = 0;
            while (fixed.hasRemaining()) {
                p += ch.write(fixed, p);
            }
            ch.truncate(WavHeader.SIZE + data);
            ch.force(true);
        }
        log.atInfo().addKeyValue("call", callId).addKeyValue("wav", files.relative(wav))
                .addKeyValue("audioMs", WavHeader.millis(data)).log("repaired the header of a WAV left by a crash");
        return Optional.of(new Found(wav, callId, data, true));
    }
}
