package ua.vikno.pbx.sip.call;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import ua.vikno.pbx.RecordOptions;
import ua.vikno.pbx.VoiceMessage;

/**
 * Takes a voice message from the caller's decoded audio into an 8 kHz mono 16-bit WAV: stops on the finish key,
 * at the maximum length, or on hang-up, and writes the file through Vert.x's file system (never blocking the
 * event loop). Used on the call's context.
 */
final class VoiceRecorder {
    private static final int RATE = 8000;

    private final Vertx vertx;
    private final RecordOptions options;
    private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    private final Promise<VoiceMessage> result = Promise.promise();
    private long timer = -1;
    private boolean stopped;

    VoiceRecorder(Vertx vertx, RecordOptions options) {
        this.vertx = vertx;
        this.options = options;
    }

    Future<VoiceMessage> start() {
        timer = vertx.setTimer(Math.max(1, options.maxLength().toMillis()), t -> stop(VoiceMessage.Reason.MAX_LENGTH));
        return result.future();
    }

    /** Completes once the message's file is written (or could not be). */
    Future<VoiceMessage> message() {
        return result.future();
    }

    void onAudio(short[] samples) {
        if (stopped) {
            return;
        }
        for (short s : samples) {
            pcm.write(s & 0xff);
            pcm.write((s >> 8) & 0xff);
        }
    }

    void onDigit(char digit) {
        if (digit == options.finishKey()) {
            stop(VoiceMessage.Reason.FINISH_KEY);
        }
    }

    void stop(VoiceMessage.Reason reason) {
        if (stopped) {
            return;
        }
        stopped = true;
        vertx.cancelTimer(timer);
        byte[] data = pcm.toByteArray();
        Duration length = Duration.ofMillis(data.length / 2 * 1000L / RATE);
        // A box's folder does not exist before its first message.
        Path folder = options.file().toAbsolutePath().getParent();
        vertx.fileSystem().mkdirs(folder.toString())
                .compose(v -> vertx.fileSystem().writeFile(options.file().toString(), Buffer.buffer(wav(data))))
                .map(v -> new VoiceMessage(options.file(), length, reason)).onComplete(result);
    }

    /** A RIFF WAVE header (format 1, PCM) before the samples. */
    static byte[] wav(byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(data.length).put(data);
        return b.array();
    }
}
