package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;
import ua.vikno.testkit.Baresip;
import ua.vikno.testkit.Tones;

/**
 * Out of hours, end to end: the schedule is forced closed through {@code /api/schedule/override}, a resident
 * (baresip through the trunk) hears the non-working-hours greeting, leaves a message after the beep (their 440 Hz
 * tone), finishes it with {@code #}, and the message is a file on disk attached to a voicemail appeal.
 *
 * <p>The sample's prompts are speech; here the closed greeting and the voicemail introduction are replaced by
 * short tones of their own frequencies so that what the resident heard can be told apart.
 */
class OutOfHoursVoicemailTest {
    static final double CLOSED_GREETING_HZ = 1800;
    static final double VOICEMAIL_INTRO_HZ = 600;

    LiveCallFixture live;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        Path greeting = Tones.write(dir.resolve("greeting-closed-test.wav"), CLOSED_GREETING_HZ, 2);
        Path intro = Tones.write(dir.resolve("voicemail-intro-test.wav"), VOICEMAIL_INTRO_HZ, 1);
        live = LiveCallFixture.start(dir, Map.of(
                "greeting-closed: { file: greeting-closed.wav,", "greeting-closed: { file: \"" + greeting + "\",",
                "voicemail-intro: voicemail-intro.wav", "voicemail-intro: \"" + intro + "\""));
        String until = Instant.now().plusSeconds(600).toString();
        assertThat(Http.api(live.server.httpPort(), "PUT", "/api/schedule/override",
                "{\"state\":\"closed\",\"prompt\":\"greeting-closed\",\"until\":\"" + until
                        + "\",\"reason\":\"test\"}").statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() throws Exception {
        live.close();
    }

    @Test
    void aResidentOutOfHoursHearsTheClosedGreetingAndLeavesAVoicemailThatIsStoredWithTheAppeal() throws Exception {
        Baresip resident = live.resident();
        resident.command("/dial sip:+380444960000@" + live.registrar());
        live.await(() -> LiveCallFixture.established(resident), Duration.ofSeconds(15), "the hotline answered");
        Thread.sleep(3500 + 2500); // greeting (2 s), introduction (1 s) and beep (0.4 s), then 2.5 s of message
        resident.command("#");
        live.await(() -> LiveCallFixture.closed(resident), Duration.ofSeconds(15),
                "Vikno said goodbye and hung up after #");

        JsonObject appeal = live.awaitResidentAppeal();
        assertThat(appeal.getString("kind")).isEqualTo("voicemail");
        assertThat(appeal.getString("department")).isEqualTo("dispatch");
        Path message = Path.of(appeal.getString("recording"));
        awaitWritten(message);
        assertThat(message.getParent().getFileName().toString()).isEqualTo("after-hours");
        short[] recorded = Tones.read(message);
        assertThat(Tones.framesWithTone(recorded, LiveCallFixture.RESIDENT_HZ))
                .as("the message holds the resident's tone").isGreaterThan(50);
        assertThat(Tones.framesWithTone(recorded, CLOSED_GREETING_HZ)).as("and not the greeting").isZero();

        live.hangUpPhones();
        assertThat(LiveCallFixture.heard(resident, CLOSED_GREETING_HZ))
                .as("the resident heard the non-working-hours greeting").isGreaterThan(50);
        assertThat(LiveCallFixture.heard(resident, VOICEMAIL_INTRO_HZ))
                .as("then the voicemail introduction").isGreaterThan(25);
    }

    @Test
    void hangingUpEndsTheMessageAndItIsStoredAsWell() throws Exception {
        Baresip resident = live.resident();
        resident.command("/dial sip:+380444960000@" + live.registrar());
        live.await(() -> LiveCallFixture.established(resident), Duration.ofSeconds(15), "the hotline answered");
        Thread.sleep(3500 + 2500); // greeting, introduction and beep, then 2.5 s of message
        resident.command("/hangup");

        JsonObject appeal = live.awaitResidentAppeal();
        assertThat(appeal.getString("kind")).isEqualTo("voicemail");
        Path message = Path.of(appeal.getString("recording"));
        awaitWritten(message);
        assertThat(Tones.framesWithTone(Tones.read(message), LiveCallFixture.RESIDENT_HZ))
                .as("the message holds the resident's tone").isGreaterThan(50);
    }

    /** The appeal may be stored while the message's file is still being written. */
    private void awaitWritten(Path message) throws InterruptedException {
        live.await(() -> {
            try {
                return Files.isRegularFile(message) && Files.size(message) > 44;
            } catch (java.io.IOException e) {
                return false;
            }
        }, Duration.ofSeconds(5), "the message " + message + " written");
    }

}
