package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static ua.vikno.server.LiveCallFixture.OPERATOR_HZ;
import static ua.vikno.server.LiveCallFixture.RESIDENT_HZ;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import ua.vikno.testkit.Baresip;

/**
 * The recording of a real call through the whole server: a resident (440 Hz, through the trunk) talks to operator
 * 210 (1000 Hz); the stored MP3 is stereo, as long as the talk time, the resident on the left, the operator on the
 * right.
 */
class RecordingCallTest {

    @Test
    void anAnsweredCallIsStoredAsAStereoMp3OfItsTalkTimeResidentLeftOperatorRight(@TempDir Path dir) throws Exception {
        try (LiveCallFixture centre = LiveCallFixture.start(dir)) {
            Baresip operator = centre.line("210", "op-210-dev-only", OPERATOR_HZ);
            Baresip resident = centre.resident();
            centre.residentTalksTo210(resident, operator);
            Thread.sleep(6000);
            resident.command("/hangup");

            int http = centre.server.httpPort();
            JsonObject[] call = new JsonObject[1];
            centre.await(() -> {
                try {
                    JsonArray calls = new JsonArray(Http.api(http, "/api/calls").body());
                    call[0] = calls.isEmpty() ? null : calls.getJsonObject(0);
                    return call[0] != null && call[0].getString("recording") != null;
                } catch (Exception e) {
                    return false;
                }
            }, Duration.ofSeconds(20), "the call record with its recording");
            Path mp3 = centre.server.config().recording().directory().resolve(call[0].getString("recording"));
            centre.await(() -> Files.isRegularFile(mp3), Duration.ofSeconds(30), "the recording " + mp3 + " stored");
            assertThat(mp3.getFileName().toString()).endsWith(".mp3");
            assertThat(mp3.resolveSibling(call[0].getString("callId") + ".recording.wav"))
                    .as("the WAV is removed once the MP3 is verified").doesNotExist();

            StereoRecording audio = StereoRecording.decode(mp3);
            double talk = call[0].getLong("talkMs") / 1000.0;
            assertThat(talk).as("talk time").isGreaterThan(5);
            assertThat(audio.seconds()).as("the recording lasts the talk time").isCloseTo(talk, within(0.5));
            assertThat(audio.power(true, RESIDENT_HZ)).as("440 Hz dominates the left channel")
                    .isGreaterThan(100 * audio.power(true, OPERATOR_HZ));
            assertThat(audio.power(false, OPERATOR_HZ)).as("1000 Hz dominates the right channel")
                    .isGreaterThan(100 * audio.power(false, RESIDENT_HZ));
        }
    }
}
