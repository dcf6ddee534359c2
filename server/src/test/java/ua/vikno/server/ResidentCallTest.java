package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import ua.vikno.config.ViknoConfig;
import ua.vikno.sms.simulator.ReceivedSms;
import ua.vikno.sms.simulator.SmscSimulator;
import ua.vikno.testkit.Baresip;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.RedisServer;
import ua.vikno.testkit.Tones;

/**
 * The single window end to end, with real softphones: a resident (baresip, through the trunk) calls the hotline,
 * hears the greeting, presses 1 then 2 (hot water), is connected to the water department's operator (baresip
 * registered as line 210), they hear each other, the resident hangs up — and an appeal exists with the right
 * category and operator, the resident got the Ukrainian SMS with its number, and the call was recorded.
 */
class ResidentCallTest {
    static final String RESIDENT = "+380671234567";
    static final double RESIDENT_HZ = 440;
    static final double OPERATOR_HZ = 1000;

    RedisServer redis;
    final Vertx smscVertx = Vertx.vertx();
    SmscSimulator smsc;
    ViknoServer server;
    Baresip resident;
    Baresip operator;
    Path data;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " within " + timeout
                        + "\n--- resident ---\n" + (resident == null ? "" : resident.log())
                        + "\n--- operator 210 ---\n" + (operator == null ? "" : operator.log()));
            }
            Thread.sleep(100);
        }
    }

    int trunkPort;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        data = dir;
        redis = RedisServer.start();
        trunkPort = FreePorts.next();
        FreePorts.next(); // baresip binds SIP/TLS on its port + 1
        Map<String, String> env = new HashMap<>(TestConfigs.environment(redis.url(), 0, dir));
        env.put("VIKNO_SMSC_SIMULATOR", "false");
        env.put("VIKNO_TRUNK_PORT", String.valueOf(trunkPort));
        ViknoConfig config = TestConfigs.sampleWith(env, LiveCallFixture.SAMPLE_RTP_RANGE, LiveCallFixture.rtpRangeOfThisJvm());
        smsc = SmscSimulator.fromConfig(smscVertx, config.sms(), Clock.systemUTC());
        await(smsc.start());
        server = await(ViknoServer.start(config));
        // Whatever the hour the test runs at, the centre is open for it.
        String until = Instant.now().plusSeconds(600).toString();
        assertThat(Http.api(server.httpPort(), "PUT", "/api/schedule/override",
                "{\"state\":\"open\",\"until\":\"" + until + "\",\"reason\":\"test\"}").statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() throws Exception {
        if (resident != null) {
            resident.close();
        }
        if (operator != null) {
            operator.close();
        }
        await(server.stop());
        await(smsc.stop());
        smscVertx.close();
        redis.close();
    }

    @Test
    void aResidentPressing1Then2TalksToHotWaterAndGetsAnAppealWithItsSms() throws Exception {
        int sip = server.config().network().sip().port();
        String registrar = "127.0.0.1:" + sip;
        int operatorPort = FreePorts.next();
        FreePorts.next();
        Path low = Tones.write(data.resolve("resident.wav"), RESIDENT_HZ, 60);
        Path high = Tones.write(data.resolve("operator.wav"), OPERATOR_HZ, 60);

        operator = Baresip.start(operatorPort, "<sip:210@" + registrar + ">;auth_pass=op-210-dev-only;answermode=auto;"
                + "regint=300;audio_codecs=PCMU,PCMA;ptime=20", high);
        await(() -> redis.command("EXISTS", "vikno:location:sip:210@vikno.local").equals(":1"), Duration.ofSeconds(15),
                "line 210 registered");

        resident = Baresip.start(trunkPort, "<sip:" + RESIDENT + "@127.0.0.1>;regint=0;audio_codecs=PCMA,PCMU;ptime=20", low);
        Thread.sleep(500);
        resident.command("/dial sip:+380444960000@" + registrar);
        await(() -> resident.log().toLowerCase().contains("established"), Duration.ofSeconds(15), "the hotline answered");

        Thread.sleep(8500); // the working-hours greeting (7.8 s) plays to its end
        resident.command("1"); // main menu: water supply (an extension could start with 1: the menu waits 2 s)
        Thread.sleep(3500);
        resident.command("2"); // water menu: hot water
        await(() -> operator.log().toLowerCase().contains("established"), Duration.ofSeconds(20),
                "operator 210 answered");
        Thread.sleep(3000); // they talk
        resident.command("/hangup");
        Thread.sleep(1000);

        JsonObject appeal = awaitAppeal();
        assertThat(appeal.getString("category")).isEqualTo("Водопостачання / Гаряча вода");
        assertThat(appeal.getString("operator")).isEqualTo("210");
        assertThat(appeal.getString("department")).isEqualTo("water");
        assertThat(appeal.getString("kind")).isEqualTo("answered");
        assertThat(appeal.getString("ivrPath")).isEqualTo("main>1>2");

        String number = appeal.getString("number");
        await(() -> smsc.received().stream().map(ReceivedSms::text)
                        .anyMatch(t -> t.equals("Звернення №" + number + " зареєстровано. Тел. +380444960000")),
                Duration.ofSeconds(20), "the resident's SMS reached the SMSC");
        assertThat(smsc.received().get(0).destination()).isEqualTo(RESIDENT);

        operator.close();
        resident.close();
        assertThat(heard(resident, OPERATOR_HZ)).as("the resident hears the operator").isGreaterThan(50);
        assertThat(heard(operator, RESIDENT_HZ)).as("the operator hears the resident").isGreaterThan(50);

        Path recording = server.config().recording().directory().resolve(appeal.getString("recording"));
        await(() -> Files.isRegularFile(recording), Duration.ofSeconds(30), "the recording " + recording + " stored");
    }

    private JsonObject awaitAppeal() throws Exception {
        JsonObject[] found = new JsonObject[1];
        await(() -> {
            try {
                JsonArray items = new JsonObject(Http.api(server.httpPort(), "/api/appeals?phone=%2B380671234567").body())
                        .getJsonArray("items");
                found[0] = items.isEmpty() ? null : items.getJsonObject(0);
                return found[0] != null;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(15), "an appeal for the call");
        return found[0];
    }

    private static int heard(Baresip phone, double hz) throws Exception {
        int frames = 0;
        for (Path dump : phone.heard()) {
            frames += Tones.framesWithTone(Tones.read(dump), hz);
        }
        return frames;
    }
}
