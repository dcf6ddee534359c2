package ua.vikno.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;
import ua.vikno.testkit.Baresip;

/**
 * An operator's softphone (baresip, line 210) dials *78: the console's board shows 210 in do-not-disturb, another
 * line calling 210 is refused as busy while 210's phone never rings, and the state is kept in Redis; *79 frees
 * the line again and the same call reaches it.
 */
class DoNotDisturbTest {
    LiveCallFixture live;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        live = LiveCallFixture.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        live.close();
    }

    @Test
    void star78PutsTheLineInDoNotDisturbAndStar79TakesItOut() throws Exception {
        Baresip operator = live.line("210", "op-210-dev-only", LiveCallFixture.OPERATOR_HZ);
        Baresip colleague = live.line("200", "op-200-dev-only", LiveCallFixture.RESIDENT_HZ);

        operator.command("/dial sip:*78@" + live.registrar());
        live.await(() -> "dnd".equals(boardState("210")), Duration.ofSeconds(15), "210 shown in do-not-disturb");
        assertThat(live.redis.command("SISMEMBER", "vikno:dnd", "210")).isEqualTo(":1");
        live.await(() -> LiveCallFixture.closed(operator), Duration.ofSeconds(15), "the confirmation ended the call");

        colleague.command("/dial sip:210@" + live.registrar());
        live.await(() -> colleague.log().contains("486") || colleague.log().toLowerCase().contains("busy"),
                Duration.ofSeconds(15), "200's call to 210 refused as busy");
        assertThat(operator.log()).as("210's phone must not ring").doesNotContain("sip:200@");

        operator.command("/dial sip:*79@" + live.registrar());
        live.await(() -> "free".equals(boardState("210")), Duration.ofSeconds(15), "210 free again");
        assertThat(live.redis.command("SISMEMBER", "vikno:dnd", "210")).isEqualTo(":0");
        colleague.command("/dial sip:210@" + live.registrar());
        live.await(() -> operator.log().contains("Call established: sip:200@"), Duration.ofSeconds(15),
                "200's call reaches 210");
    }

    @Test
    void theConsoleSwitchSetsTheSameStateAnOperatorOnlyTheirOwnLineASupervisorAny() throws Exception {
        live.line("200", "op-200-dev-only", LiveCallFixture.RESIDENT_HZ);
        live.line("210", "op-210-dev-only", LiveCallFixture.OPERATOR_HZ);
        int http = live.server.httpPort();
        live.await(() -> "free".equals(boardState("200")) && "free".equals(boardState("210")), Duration.ofSeconds(15),
                "both lines registered on the board");
        ConsoleClient operator = ConsoleClient.loggedIn(http, ConsoleClient.OPERATOR, ConsoleClient.OPERATOR_PASSWORD);
        ConsoleClient supervisor = ConsoleClient.loggedIn(http, ConsoleClient.SUPERVISOR,
                ConsoleClient.SUPERVISOR_PASSWORD);

        var on = operator.call("PUT", "/api/dnd", "{\"on\":true}");
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        assertThat(new JsonObject(on.body())).isEqualTo(new JsonObject().put("line", "200").put("on", true)
                .put("kept", true));
        assertThat(boardState("200")).isEqualTo("dnd");
        assertThat(live.redis.command("SISMEMBER", "vikno:dnd", "200")).isEqualTo(":1");

        var notTheirs = operator.call("PUT", "/api/dnd", "{\"on\":true,\"line\":\"210\"}");
        assertThat(notTheirs.statusCode()).as(notTheirs.body()).isEqualTo(403);
        assertThat(boardState("210")).isEqualTo("free");
        assertThat(operator.call("PUT", "/api/dnd", "{\"on\":\"yes\"}").statusCode()).isEqualTo(400);

        var forThem = supervisor.call("PUT", "/api/dnd", "{\"on\":true,\"line\":\"210\"}");
        assertThat(forThem.statusCode()).as(forThem.body()).isEqualTo(200);
        assertThat(boardState("210")).isEqualTo("dnd");
        assertThat(new JsonObject(operator.get("/api/dnd").body()).getBoolean("on")).isTrue();
        operator.call("PUT", "/api/dnd", "{\"on\":false}");
        assertThat(boardState("200")).isEqualTo("free");
        assertThat(new JsonObject(operator.get("/api/dnd").body()).getBoolean("on")).isFalse();
    }

    /** The state of a line on the supervisors' board: free, on-call, dnd or offline. */
    private String boardState(String line) {
        try {
            JsonObject board = new JsonObject(Http.api(live.server.httpPort(), "/api/board").body());
            for (Object d : board.getJsonArray("departments")) {
                for (Object l : ((JsonObject) d).getJsonArray("lines")) {
                    JsonObject entry = (JsonObject) l;
                    if (line.equals(entry.getString("extension"))) {
                        return entry.getString("state");
                    }
                }
            }
            return "absent";
        } catch (Exception e) {
            return "error: " + e;
        }
    }
}
