package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.vikno.server.LiveCallFixture.OPERATOR_HZ;
import static ua.vikno.server.LiveCallFixture.RESIDENT_HZ;
import static ua.vikno.server.LiveCallFixture.SUPERVISOR_HZ;
import static ua.vikno.server.LiveCallFixture.heard;
import static ua.vikno.server.LiveCallFixture.heardInMix;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

import ua.vikno.testkit.Baresip;

/**
 * Supervision with real softphones through the whole server: a resident (440 Hz, through the trunk) talks to
 * operator 210 (1000 Hz); supervisor line 105 (700 Hz) dials the feature codes; line 200 is not a supervisor.
 */
class SupervisionCallTest {
    /**
     * Frames of a few seconds in which a phone that hears only the other party still finds some 700 Hz: the
     * occasional discontinuity in a received tone (packet timing, the jitter buffer) spreads energy across the band.
     * A leak of the supervisor would be in nearly every frame (200 in 4 s).
     */
    static final int NOISE = 10;

    LiveCallFixture centre;
    Baresip resident;
    Baresip operator;

    @BeforeEach
    void residentTalksToOperator210(@TempDir Path dir) throws Exception {
        centre = LiveCallFixture.start(dir);
        operator = centre.line("210", "op-210-dev-only", OPERATOR_HZ);
        resident = centre.resident();
        centre.residentTalksTo210(resident, operator);
    }

    @AfterEach
    void stop() throws Exception {
        centre.close();
    }

    @Test
    void aSupervisorListensToBothThenWhispersToTheOperatorOnly() throws Exception {
        Baresip supervisor = centre.line("105", "sup-105-dev-only", SUPERVISOR_HZ);
        supervisor.command("/dial sip:*55210@" + centre.registrar());
        centre.await(() -> LiveCallFixture.established(supervisor), Duration.ofSeconds(15), "*55210 answered");
        Thread.sleep(4000); // listen
        supervisor.command("5"); // whisper
        Thread.sleep(4000);
        centre.hangUpPhones();

        assertThat(heardInMix(supervisor, RESIDENT_HZ)).as("the supervisor hears the resident").isGreaterThan(100);
        assertThat(heardInMix(supervisor, OPERATOR_HZ)).as("the supervisor hears the operator").isGreaterThan(100);
        assertThat(heardInMix(operator, SUPERVISOR_HZ)).as("the operator hears the whisper").isGreaterThan(50);
        assertThat(heardInMix(resident, SUPERVISOR_HZ, 8)).as("the resident never hears the supervisor").isLessThan(NOISE);
        assertThat(heard(resident, OPERATOR_HZ)).as("the resident still hears the operator").isGreaterThan(100);
        assertThat(heardInMix(operator, RESIDENT_HZ)).as("the operator still hears the resident").isGreaterThan(100);
    }

    @Test
    void whisperByFeatureCodeReachesTheOperatorOnly() throws Exception {
        Baresip supervisor = centre.line("105", "sup-105-dev-only", SUPERVISOR_HZ);
        supervisor.command("/dial sip:*56210@" + centre.registrar());
        centre.await(() -> LiveCallFixture.established(supervisor), Duration.ofSeconds(15), "*56210 answered");
        Thread.sleep(4000);
        centre.hangUpPhones();

        assertThat(heardInMix(supervisor, RESIDENT_HZ)).as("the supervisor hears the resident").isGreaterThan(50);
        assertThat(heardInMix(supervisor, OPERATOR_HZ)).as("the supervisor hears the operator").isGreaterThan(50);
        assertThat(heardInMix(operator, SUPERVISOR_HZ)).as("the operator hears the whisper").isGreaterThan(50);
        assertThat(heardInMix(resident, SUPERVISOR_HZ, 4)).as("the resident never hears the supervisor").isLessThan(NOISE);
    }

    @Test
    void bargeLetsTheResidentHearTheSupervisorToo() throws Exception {
        Baresip supervisor = centre.line("105", "sup-105-dev-only", SUPERVISOR_HZ);
        supervisor.command("/dial sip:*57210@" + centre.registrar());
        centre.await(() -> LiveCallFixture.established(supervisor), Duration.ofSeconds(15), "*57210 answered");
        Thread.sleep(5000);
        centre.hangUpPhones();

        assertThat(heardInMix(supervisor, RESIDENT_HZ)).as("the supervisor hears the resident").isGreaterThan(50);
        assertThat(heardInMix(supervisor, OPERATOR_HZ)).as("the supervisor hears the operator").isGreaterThan(50);
        assertThat(heardInMix(operator, SUPERVISOR_HZ)).as("the operator hears the supervisor").isGreaterThan(50);
        assertThat(heardInMix(resident, SUPERVISOR_HZ, 4)).as("the resident hears the supervisor").isGreaterThan(50);
    }

    @Test
    void aLineWithoutTheSupervisorRoleIsAnsweredRefusedAndHungUpWithoutATap() throws Exception {
        Baresip other = centre.line("200", "op-200-dev-only", SUPERVISOR_HZ);
        other.command("/dial sip:*55210@" + centre.registrar());
        centre.await(() -> LiveCallFixture.established(other), Duration.ofSeconds(15), "*55210 from 200 answered");
        centre.await(() -> LiveCallFixture.closed(other), Duration.ofSeconds(15), "the refused call hung up");
        Thread.sleep(1000);
        assertThat(LiveCallFixture.established(operator)).isTrue();
        centre.hangUpPhones();

        assertThat(rms(other)).as("line 200 heard the refusal prompt").isGreaterThan(300);
        // What line 200 heard is the refusal prompt (speech); the resident and the operator never hear 200.
        assertThat(heardInMix(resident, SUPERVISOR_HZ, 4)).as("the resident never hears line 200").isLessThan(NOISE);
        assertThat(heardInMix(operator, SUPERVISOR_HZ, 4)).as("the operator never hears line 200").isLessThan(NOISE);
        assertThat(heard(resident, OPERATOR_HZ)).as("the call goes on").isGreaterThan(50);
    }

    @Test
    void theConsoleCallsTheSupervisorsLineAndStartsAWhisper() throws Exception {
        Baresip supervisor = centre.line("105", "sup-105-dev-only", SUPERVISOR_HZ);
        int http = centre.server.httpPort();

        JsonObject live = new JsonObject(Http.api(http, "/api/calls/live").body());
        assertThat(live.getJsonArray("calls")).hasSize(1);
        JsonObject call = live.getJsonArray("calls").getJsonObject(0);
        assertThat(call.getString("caller")).isEqualTo(LiveCallFixture.RESIDENT);
        assertThat(call.getString("operator")).isEqualTo("210");
        assertThat(call.getString("state")).isEqualTo("bridged");
        assertThat(call.getString("bridgedAt")).isNotBlank();

        var started = Http.api(http, "POST", "/api/supervision",
                "{\"supervisor\":\"105\",\"line\":\"210\",\"mode\":\"whisper\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonObject session = new JsonObject(started.body());
        assertThat(session.getString("mode")).isEqualTo("whisper");
        assertThat(session.getString("call")).isEqualTo(call.getString("id"));
        assertThat(LiveCallFixture.established(supervisor)).as("105 was called first").isTrue();
        Thread.sleep(4000);
        centre.hangUpPhones();

        assertThat(heardInMix(supervisor, RESIDENT_HZ)).as("the supervisor hears the resident").isGreaterThan(50);
        assertThat(heardInMix(supervisor, OPERATOR_HZ)).as("the supervisor hears the operator").isGreaterThan(50);
        assertThat(heardInMix(operator, SUPERVISOR_HZ)).as("the operator hears the whisper").isGreaterThan(50);
        assertThat(heardInMix(resident, SUPERVISOR_HZ, 4)).as("the resident never hears the supervisor").isLessThan(NOISE);
    }

    @Test
    void theConsoleIsToldWhyASessionIsRefused() throws Exception {
        int http = centre.server.httpPort();
        var notSupervisor = Http.api(http, "POST", "/api/supervision",
                "{\"supervisor\":\"200\",\"line\":\"210\",\"mode\":\"listen\"}");
        assertThat(notSupervisor.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(notSupervisor.body()).getString("refused")).isEqualTo("not-a-supervisor");

        var noCall = Http.api(http, "POST", "/api/supervision",
                "{\"supervisor\":\"105\",\"line\":\"211\",\"mode\":\"barge\"}");
        assertThat(noCall.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(noCall.body()).getString("refused")).isEqualTo("no-live-call");

        var unreachable = Http.api(http, "POST", "/api/supervision",
                "{\"supervisor\":\"105\",\"line\":\"210\",\"mode\":\"listen\"}");
        assertThat(unreachable.statusCode()).as("105 is not registered").isEqualTo(409);
        assertThat(new JsonObject(unreachable.body()).getString("refused")).isEqualTo("supervisor-unreachable");

        var badMode = Http.api(http, "POST", "/api/supervision",
                "{\"supervisor\":\"105\",\"line\":\"210\",\"mode\":\"spy\"}");
        assertThat(badMode.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(Http.api(http, "/api/calls/live").body()).getJsonArray("calls"))
                .as("the call goes on").hasSize(1);
    }

    /** The RMS level of everything a phone received. */
    private static double rms(Baresip phone) throws Exception {
        double sum = 0;
        long n = 0;
        for (Path dump : phone.heard()) {
            for (short sample : ua.vikno.testkit.Tones.read(dump)) {
                sum += (double) sample * sample;
                n++;
            }
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }
}
