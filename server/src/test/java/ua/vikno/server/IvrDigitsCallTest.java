package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;
import ua.vikno.testkit.Baresip;
import ua.vikno.testkit.FreePorts;
import ua.vikno.testkit.RtpPcap;

/**
 * The voice menu driven by RFC 4733 digits from a protocol peer: SIPp calls the hotline through the trunk and
 * replays a pcap of 20 ms PCMU tone with telephone-events for 1 (main menu: water supply) and then 2 (water menu:
 * hot water), every end packet sent three times. The water department's operator 210 (baresip) is rung, answers
 * and hears the resident's tone, and the appeal carries the menu path and its labels.
 */
class IvrDigitsCallTest {
    static final Path SCENARIOS = Path.of("src/test/sipp").toAbsolutePath();
    static final double PCAP_HZ = 440;

    LiveCallFixture live;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        live = LiveCallFixture.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        live.close();
    }

    /**
     * A repeated end packet counted as a second 1 would make the main menu read "11": option 1 with a 1 kept for
     * the water menu (cold water, path main>1>1), so the hot-water path proves each digit was counted once.
     */
    @Test
    void sippDigits1Then2ReachHotWaterOperatorAndTheAppealCarriesThePathWithLabels() throws Exception {
        Baresip operator = live.line("210", "op-210-dev-only", LiveCallFixture.OPERATOR_HZ);
        // The greeting (7.8 s, later on a slow machine) takes no digits; 1 during the main menu's prompt, 2 during the water menu's
        // (after the main menu's 2 s wait for a second digit of an extension).
        JsonObject appeal = call(RtpPcap.tone(PCAP_HZ, 30).press('1', 11).press('2', 15), 20_000);

        assertThat(appeal.getString("ivrPath")).isEqualTo("main>1>2");
        assertThat(appeal.getString("category")).isEqualTo("Водопостачання / Гаряча вода");
        assertThat(appeal.getString("operator")).isEqualTo("210");
        assertThat(appeal.getString("kind")).isEqualTo("answered");
        live.hangUpPhones();
        assertThat(LiveCallFixture.heard(operator, PCAP_HZ)).as("operator 210 hears the resident's tone")
                .isGreaterThan(50);
    }

    /** The control of the test above: two presses of 1 are two digits, and the path shows it. */
    @Test
    void sippPressing1TwiceIsTwoDigitsMainMenuThenColdWater() throws Exception {
        live.line("210", "op-210-dev-only", LiveCallFixture.OPERATOR_HZ);
        JsonObject appeal = call(RtpPcap.tone(PCAP_HZ, 20).press('1', 11).press('1', 11.6), 14_000);

        assertThat(appeal.getString("ivrPath")).isEqualTo("main>1>1");
        assertThat(appeal.getString("category")).isEqualTo("Водопостачання / Холодна вода");
    }

    /**
     * A softphone set to send DTMF both ways: each key as RFC 4733 events and as a SIP INFO at the same moment.
     * Counted twice, 1 would read as "11" (main>1>1, cold water) again.
     */
    @Test
    void sippKeysSentBothAsRfc4733AndAsInfoCountOnce() throws Exception {
        live.line("210", "op-210-dev-only", LiveCallFixture.OPERATOR_HZ);
        JsonObject appeal = call(RtpPcap.tone(PCAP_HZ, 30).press('1', 11).press('2', 15), 20_000,
                "resident-presses-digits-both-ways.xml");

        assertThat(appeal.getString("ivrPath")).isEqualTo("main>1>2");
        assertThat(appeal.getString("category")).isEqualTo("Водопостачання / Гаряча вода");
    }

    /** SIPp replays {@code pcap} in a call it ends {@code pauseMs} after the answer; the appeal that call made. */
    private JsonObject call(RtpPcap pcap, int pauseMs) throws Exception {
        return call(pcap, pauseMs, "resident-presses-digits.xml");
    }

    private JsonObject call(RtpPcap pcap, int pauseMs, String scenario) throws Exception {
        Path dir = Files.createTempDirectory(live.data, "sipp-");
        pcap.write(dir.resolve("digits.pcap"));
        Sipp sipp = sipp(dir, pauseMs, scenario);
        assertThat(sipp.exitCode()).as(sipp.toString()).isZero();
        return live.awaitResidentAppeal();
    }

    /** One resident through the trunk address for {@code pauseMs} after the answer; waits for SIPp to exit. */
    private Sipp sipp(Path dir, int pauseMs, String scenario) throws Exception {
        Path csv = dir.resolve("resident.csv");
        Files.writeString(csv, "SEQUENTIAL\n" + LiveCallFixture.RESIDENT + ";\n");
        List<String> command = List.of("sipp", live.registrar(), "-sf",
                SCENARIOS.resolve(scenario).toString(), "-inf", csv.toString(),
                "-s", "+380444960000", "-i", "127.0.0.1", "-mi", "127.0.0.1", "-p", String.valueOf(live.trunkPort),
                "-mp", String.valueOf(FreePorts.nextEvenPair()), "-t", "u1", "-m", "1", "-d", String.valueOf(pauseMs),
                "-timeout", "45s", "-timeout_error", "-recv_timeout", "10s", "-nostdin",
                "-trace_err", "-error_file", dir.resolve("errors.log").toString());
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("screen.log").toFile()).start();
        if (!p.waitFor(50, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return new Sipp(-1, read(dir.resolve("errors.log")) + read(dir.resolve("screen.log")));
        }
        return new Sipp(p.exitValue(), read(dir.resolve("errors.log")) + read(dir.resolve("screen.log")));
    }


    private static String read(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file) : "";
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (Exception e) {
            return "";
        }
    }

    record Sipp(int exitCode, String output) {
        @Override
        public String toString() {
            return "SIPp exit " + exitCode + "\n" + output;
        }
    }
}
