package ua.vikno.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;
import ua.vikno.ivr.routing.WaitingQueue;

/** The live board's queue: callers on the line and call-backs, told apart. */
class LiveBoardTest {
    static final Instant NINE = Instant.parse("2026-11-23T07:00:00Z");
    static final Instant TEN = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void theLongestWaitIsOfCallersOnTheLineNotOfCallBacksHeldForOpening() {
        JsonObject q = LiveBoard.queue("dispatch", "Черга диспетчерської", "dispatch", List.of(
                new WaitingQueue.Waiting("c1", "+380670000001", "held_for_opening", NINE, false),
                new WaitingQueue.Waiting("c2", "+380670000002", "waiting", TEN, true)));
        assertThat(q.getString("longestWaitSince")).isEqualTo(TEN.toString());
        assertThat(q.getJsonArray("waiting").getJsonObject(0).getMap())
                .containsEntry("state", "held_for_opening").containsEntry("onTheLine", false);
        assertThat(q.getJsonArray("waiting").getJsonObject(1).getMap())
                .containsEntry("state", "waiting").containsEntry("onTheLine", true);
    }

    @Test
    void aQueueOfCallBacksOnlyHasNoLongestWait() {
        JsonObject q = LiveBoard.queue("dispatch", "Черга диспетчерської", "dispatch", List.of(
                new WaitingQueue.Waiting("c1", "+380670000001", "awaiting_callback", NINE, false)));
        assertThat(q.containsKey("longestWaitSince")).isFalse();
        assertThat(q.getJsonArray("waiting")).hasSize(1);
    }
}
