package ua.vikno.server.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import ua.vikno.config.Department;
import ua.vikno.config.ViknoConfig;
import ua.vikno.ivr.routing.CallQueues;
import ua.vikno.ivr.routing.WaitingQueue;
import ua.vikno.pbx.LinePresence;
import ua.vikno.pbx.Pbx;

/**
 * {@code GET /api/board}: the supervisor's live board in one read — the calls in progress (as
 * {@code /api/calls/live}), every queue's waiting callers and its longest wait, and every department's lines as
 * free, on a call, do-not-disturb or offline. A queue lists its call-backs too ({@code onTheLine} false, with
 * their state, e.g. {@code held_for_opening}); the longest wait is of the callers on the line only.
 */
final class LiveBoard {
    private final ViknoConfig config;
    private final LiveCallList calls;
    private final CallQueues queues;
    private final Pbx pbx;
    private final Clock clock;

    LiveBoard(ViknoConfig config, LiveCallList calls, CallQueues queues, Pbx pbx, Clock clock) {
        this.config = config;
        this.calls = calls;
        this.queues = queues;
        this.pbx = pbx;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/board").handler(ctx -> ApiReplies.json(ctx, 200, toJson()));
    }

    JsonObject toJson() {
        JsonArray queueItems = new JsonArray();
        config.queues().values().stream().sorted(Comparator.comparing(q -> q.id())).forEach(q ->
                queues.queue(q.id()).ifPresent(queue -> queueItems.add(queue(q.id(), q.name(), queue))));
        JsonArray departments = new JsonArray();
        config.departments().values().stream().sorted(Comparator.comparing(Department::id))
                .forEach(d -> departments.add(department(d)));
        return new JsonObject().put("at", clock.instant().toString())
                .put("calls", calls.toJson().getJsonArray("calls"))
                .put("queues", queueItems)
                .put("departments", departments);
    }

    private static JsonObject queue(String id, String name, WaitingQueue queue) {
        return queue(id, name, queue.department(), queue.waiting());
    }

    static JsonObject queue(String id, String name, String department, List<WaitingQueue.Waiting> waiting) {
        JsonArray items = new JsonArray();
        waiting.forEach(w -> items.add(new JsonObject().put("callId", w.callId()).put("number", w.number())
                .put("state", w.state()).put("since", w.since().toString()).put("onTheLine", w.onTheLine())));
        JsonObject json = new JsonObject().put("id", id).put("name", name).put("department", department)
                .put("waiting", items);
        waiting.stream().filter(WaitingQueue.Waiting::onTheLine).map(WaitingQueue.Waiting::since)
                .min(Instant::compareTo).ifPresent(since -> json.put("longestWaitSince", since.toString()));
        return json;
    }

    private JsonObject department(Department d) {
        JsonArray lines = new JsonArray();
        int free = 0;
        for (String extension : d.members()) {
            LinePresence p = pbx.presence(extension);
            String state = !p.registered() ? "offline" : p.onCall() ? "on-call" : p.doNotDisturb() ? "dnd" : "free";
            free += p.available() ? 1 : 0;
            lines.add(new JsonObject().put("extension", extension)
                    .put("name", config.line(extension).map(l -> l.name()).orElse(extension)).put("state", state));
        }
        return new JsonObject().put("id", d.id()).put("name", d.name()).put("free", free).put("lines", lines);
    }
}
