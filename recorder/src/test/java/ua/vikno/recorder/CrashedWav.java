package ua.vikno.recorder;

import java.nio.file.Path;

import ua.vikno.recorder.internal.WavWriter;

/** What a crash leaves: a WAV with frames written and a header never updated (it declares no audio). */
final class CrashedWav {
    private CrashedWav() {
    }

    static Path write(Path file, int ticks) throws Exception {
        FakeCall.Source left = FakeCall.tone(440);
        FakeCall.Source right = FakeCall.tone(1000);
        WavWriter w = WavWriter.create(file, Long.MAX_VALUE);
        for (int i = 0; i < ticks; i++) {
            w.tick(left.next(), right.next());
        }
        w.flush();
        w.close(); // no finish(): the process died here
        return file;
    }
}
