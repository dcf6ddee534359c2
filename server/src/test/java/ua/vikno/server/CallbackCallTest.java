package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * A queue call-back end to end, over a restart of the node: a resident (baresip through the trunk, answering calls
 * at once) presses 0 while no operator of the dispatch department is registered, then 1 to be called back, and
 * hangs up. The node is stopped and started again; operator 200 registers, Vikno rings 200 and then the resident
 * through the trunk, and they talk. The call-back conversation is on the live calls while it lasts, supervisor 105
 * listens to it from the console, its recording
 * is attached to the resident's {@code callback} appeal with the length of the conversation, and the appeal says,
 * in its history, that 200 was connected, and has 200 as its operator and assignee.
 *
 * <p>The working-hours greeting is replaced by a short tone to keep the test short.
 */
class CallbackCallTest {
    static final double GREETING_HZ = 1800;

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
    void aCallBackAskedForBeforeARestartIsRungWhenAnOperatorFreesUpAndRecordedOnItsAppeal() throws Exception {
        Baresip resident = live.residentAnswering();
        resident.command("/dial sip:+380444960000@" + live.registrar());
        live.await(() -> establishedCalls(resident) == 1, Duration.ofSeconds(15), "the hotline answered");
        Thread.sleep(2000); // the greeting (1 s); the main menu's prompt takes digits
        resident.command("0"); // queue:dispatch, whose lines 105, 200, 201 are not registered
        Thread.sleep(3000);
        resident.command("1"); // call me back
        live.await(() -> LiveCallFixture.closed(resident), Duration.ofSeconds(30),
                "Vikno confirmed the call-back and hung up");
        JsonObject requested = live.awaitResidentAppeal();
        assertThat(requested.getString("kind")).isEqualTo("callback");
        assertThat(live.redis.command("HLEN", "vikno:node:" + node() + ":callbacks")).isEqualTo(":1");

        live.restartServer();

        Baresip operator = live.line("200", "op-200-dev-only", LiveCallFixture.OPERATOR_HZ);
        live.await(() -> establishedCalls(resident) == 2, Duration.ofSeconds(60),
                "the resident called back through operator 200 after the restart");
        long talkStarted = System.nanoTime();
        assertThat(establishedCalls(operator)).isEqualTo(1);
        JsonArray calls = new JsonObject(Http.api(live.server.httpPort(), "/api/calls/live").body())
                .getJsonArray("calls");
        JsonObject placed = calls.stream().map(JsonObject.class::cast).filter(c -> "200".equals(c.getString("caller")))
                .findFirst().orElseThrow(() -> new AssertionError("the call-back is not on the live calls: " + calls));
        assertThat(placed.getString("operator")).as("who 200 talks to").isEqualTo(LiveCallFixture.RESIDENT);
        assertThat(placed.getString("bridgedAt")).isNotNull();

        Baresip supervisor = live.line("105", "sup-105-dev-only", LiveCallFixture.SUPERVISOR_HZ);
        var listening = Http.api(live.server.httpPort(), "POST", "/api/supervision",
                "{\"supervisor\":\"105\",\"line\":\"200\",\"mode\":\"listen\"}");
        assertThat(listening.statusCode()).as("the supervisor listens to the call-back: %s", listening.body())
                .isEqualTo(200);
        assertThat(new JsonObject(listening.body()).getString("call")).isEqualTo(placed.getString("id"));
        Thread.sleep(Math.max(3000, 8000 - (System.nanoTime() - talkStarted) / 1_000_000)); // they talk
        resident.command("/hangup");
        double talk = (System.nanoTime() - talkStarted) / 1e9;

        String number = requested.getString("number");
        JsonObject[] appeal = new JsonObject[1];
        live.await(() -> {
            try {
                appeal[0] = new JsonObject(Http.api(live.server.httpPort(), "/api/appeals/" + enc(number)).body());
                return appeal[0].getString("recording") != null;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(60), "the call-back's recording on appeal " + number);
        assertThat(appeal[0].getString("operator")).isEqualTo("200");
        assertThat(appeal[0].getString("assignee")).isEqualTo("200");
        assertThat(appeal[0].getString("status")).isEqualTo("assigned");
        JsonArray history = new JsonArray(Http.api(live.server.httpPort(),
                "/api/appeals/" + enc(number) + "/history").body());
        assertThat(history.stream().map(JsonObject.class::cast).map(h -> h.getString("detail")))
                .anySatisfy(d -> assertThat(d).startsWith("200: Зворотний дзвінок: з’єднано з оператором 200 о ")
                        .endsWith("(спроба 1 з 3)"))
                .anySatisfy(d -> assertThat(d).startsWith("Запис зворотного дзвінка: "));
        live.await(() -> !live.redis.command("HLEN", "vikno:node:" + node() + ":callbacks").equals(":1"),
                Duration.ofSeconds(60), "the served call-back forgotten");

        Path mp3 = live.server.config().recording().directory().resolve(appeal[0].getString("recording"));
        live.await(() -> Files.isRegularFile(mp3), Duration.ofSeconds(30), "the recording " + mp3 + " stored");
        StereoRecording audio = StereoRecording.decode(mp3);
        assertThat(audio.seconds()).as("the recording lasts the conversation (%.1f s)", talk)
                .isCloseTo(talk, within(1.0));

        live.hangUpPhones();
        assertThat(LiveCallFixture.heard(resident, LiveCallFixture.OPERATOR_HZ)).as("the resident hears operator 200")
                .isGreaterThan(50);
        assertThat(LiveCallFixture.heard(operator, LiveCallFixture.RESIDENT_HZ)).as("operator 200 hears the resident")
                .isGreaterThan(50);
        assertThat(LiveCallFixture.heardInMix(supervisor, LiveCallFixture.RESIDENT_HZ))
                .as("the supervisor hears the resident").isGreaterThan(50);
        assertThat(LiveCallFixture.heardInMix(supervisor, LiveCallFixture.OPERATOR_HZ))
                .as("and the operator").isGreaterThan(50);
    }

    private String node() {
        return ViknoServer.nodeName();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static long establishedCalls(Baresip phone) {
        return phone.log().toLowerCase().lines().filter(l -> l.contains("call established")).count();
    }
}
