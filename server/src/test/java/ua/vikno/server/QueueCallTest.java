package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import ua.vikno.testkit.Baresip;
import ua.vikno.testkit.Tones;

/**
 * The dispatch queue end to end: a resident (baresip through the trunk) presses 0 for an operator while no operator
 * of the dispatch department can take the call, waits in the queue hearing the announcement ("Ваше місце в черзі:
 * один…") and the sample's hold music (its G4 and D5 notes), and is given to operator 200 as soon as 200 registers,
 * or hangs up the call it was busy with: they hear each other.
 *
 * <p>The working-hours greeting is replaced by a short tone to keep the test short.
 */
class QueueCallTest {
    static final double GREETING_HZ = 1800;
    /** Two notes of the sample's hold-music arpeggio that neither phone sends. */
    static final double HOLD_LOW_HZ = 392;
    static final double HOLD_HIGH_HZ = 587;

    LiveCallFixture live;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        Path greeting = Tones.write(dir.resolve("greeting-working-test.wav"), GREETING_HZ, 1);
        live = LiveCallFixture.start(dir, Map.of(
                "greeting-working: { file: greeting-working.wav,", "greeting-working: { file: \"" + greeting + "\","));
    }

    @AfterEach
    void stop() throws Exception {
        live.close();
    }

    @Test
    void aCallerWaitsWithHoldMusicUntilAnOperatorRegistersAndThenTheyTalk() throws Exception {
        Baresip resident = live.resident();
        resident.command("/dial sip:+380444960000@" + live.registrar());
        live.await(() -> LiveCallFixture.established(resident), Duration.ofSeconds(15), "the hotline answered");
        Thread.sleep(2000); // the greeting (1 s); the main menu's prompt takes digits
        resident.command("0"); // the operator: queue:dispatch, whose lines 105, 200, 201 are not registered
        Thread.sleep(14_000 + 6000); // the queue's announcement (queue-busy, place and wait: 13.3 s), hold music

        Baresip operator = live.line("200", "op-200-dev-only", LiveCallFixture.OPERATOR_HZ);
        live.await(() -> LiveCallFixture.established(operator), Duration.ofSeconds(15),
                "operator 200 given the waiting caller");
        Thread.sleep(3000); // they talk
        resident.command("/hangup");

        JsonObject appeal = live.awaitResidentAppeal();
        assertThat(appeal.getString("kind")).isEqualTo("answered");
        assertThat(appeal.getString("operator")).isEqualTo("200");
        assertThat(appeal.getString("ivrPath")).isEqualTo("main>0");
        JsonObject record = callRecord(appeal.getString("callId"));
        assertThat(record.getLong("queueWaitMs")).as("the call record's queue wait").isGreaterThan(10_000L);

        live.hangUpPhones();
        assertThat(LiveCallFixture.heard(resident, HOLD_LOW_HZ)).as("the resident heard the hold music's G4")
                .isGreaterThan(25);
        assertThat(LiveCallFixture.heard(resident, HOLD_HIGH_HZ)).as("and its D5").isGreaterThan(25);
        assertThat(LiveCallFixture.heard(resident, LiveCallFixture.OPERATOR_HZ)).as("the resident hears operator 200")
                .isGreaterThan(50);
        assertThat(LiveCallFixture.heard(operator, LiveCallFixture.RESIDENT_HZ)).as("operator 200 hears the resident")
                .isGreaterThan(50);
    }

    @Test
    void aCallerWaitsWhileTheOnlyOperatorTalksAndIsGivenToThemWhenTheyHangUp() throws Exception {
        Baresip admin = live.line("100", "adm-100-dev-only", LiveCallFixture.SUPERVISOR_HZ);
        Baresip operator = live.line("200", "op-200-dev-only", LiveCallFixture.OPERATOR_HZ);
        operator.command("/dial sip:100@" + live.registrar());
        live.await(() -> LiveCallFixture.established(admin), Duration.ofSeconds(15), "200 talks to line 100");

        Baresip resident = live.resident();
        resident.command("/dial sip:+380444960000@" + live.registrar());
        live.await(() -> LiveCallFixture.established(resident), Duration.ofSeconds(15), "the hotline answered");
        Thread.sleep(2000);
        resident.command("0"); // queue:dispatch: 200 is on a call, 105 and 201 are not registered
        Thread.sleep(14_000 + 6000); // the announcement, then hold music
        assertThat(establishedCalls(operator)).as("200 was not offered the caller while busy").isEqualTo(1);

        operator.command("/hangup"); // 200 frees up
        live.await(() -> establishedCalls(operator) == 2, Duration.ofSeconds(15), "200 given the waiting caller");
        Thread.sleep(3000);
        resident.command("/hangup");

        JsonObject appeal = live.awaitResidentAppeal();
        assertThat(appeal.getString("kind")).isEqualTo("answered");
        assertThat(appeal.getString("operator")).isEqualTo("200");
        live.hangUpPhones();
        assertThat(LiveCallFixture.heard(resident, HOLD_LOW_HZ)).as("the resident heard the hold music")
                .isGreaterThan(25);
        assertThat(LiveCallFixture.heard(resident, LiveCallFixture.OPERATOR_HZ)).as("the resident hears operator 200")
                .isGreaterThan(50);
        assertThat(LiveCallFixture.heard(operator, LiveCallFixture.RESIDENT_HZ)).as("operator 200 hears the resident")
                .isGreaterThan(50);
    }

    private static long establishedCalls(Baresip phone) {
        return phone.log().toLowerCase().lines().filter(l -> l.contains("call established")).count();
    }

    private JsonObject callRecord(String callId) throws Exception {
        JsonArray calls = new JsonArray(Http.api(live.server.httpPort(), "/api/calls").body());
        return calls.stream().map(JsonObject.class::cast).filter(c -> callId.equals(c.getString("callId")))
                .findFirst().orElseThrow(() -> new AssertionError("no call record " + callId + " in " + calls));
    }

}
