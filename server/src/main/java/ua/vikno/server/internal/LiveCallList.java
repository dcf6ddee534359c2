package ua.vikno.server.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallNotes;
import ua.vikno.pbx.Party;

/**
 * The calls in progress for {@code GET /api/calls/live}: who called, what they dialled, since when, the line
 * they talk to now (from {@link CallEvent.Bridged} until {@link CallEvent.Unbridged}) and since when, the line
 * ringing for them (from {@link CallEvent.Ringing} until bridged), and the IVR path and department noted so far.
 */
public final class LiveCallList {
    private final Map<String, Entry> calls = new ConcurrentHashMap<>();

    private record Entry(Call call, Optional<Party> talkingTo, Optional<Instant> talkingSince, Optional<Party> ringing) {
    }

    /** Follows a call until it ends. */
    public void track(Call call) {
        calls.put(call.id(), new Entry(call, Optional.empty(), Optional.empty(), Optional.empty()));
        call.onEvent(event -> {
            if (event instanceof CallEvent.Ringing r) {
                calls.computeIfPresent(call.id(), (id, e) -> new Entry(call, e.talkingTo(), e.talkingSince(),
                        Optional.of(r.party())));
            } else if (event instanceof CallEvent.Bridged b) {
                calls.computeIfPresent(call.id(), (id, e) -> new Entry(call, Optional.of(b.party()), Optional.of(b.at()),
                        Optional.empty()));
            } else if (event instanceof CallEvent.Unbridged) {
                calls.computeIfPresent(call.id(), (id, e) -> new Entry(call, Optional.empty(), Optional.empty(),
                        Optional.empty()));
            } else if (event instanceof CallEvent.Ended) {
                calls.remove(call.id());
            }
        });
    }

    /**
     * {@code {"calls":[{id, caller, callerIsLine, dialled, state, startedAt, operator?, bridgedAt?, ringing?, ivrPath?,
     * category?, department?}]}}, oldest first.
     */
    public JsonObject toJson() {
        JsonArray items = new JsonArray();
        List<Entry> entries = calls.values().stream()
                .sorted(Comparator.comparing((Entry e) -> e.call().startedAt())).toList();
        for (Entry e : entries) {
            Call c = e.call();
            JsonObject item = new JsonObject()
                    .put("id", c.id())
                    .put("caller", c.caller().number())
                    .put("callerIsLine", c.caller().line())
                    .put("dialled", c.dialled())
                    .put("state", c.state().name().toLowerCase(java.util.Locale.ROOT))
                    .put("startedAt", c.startedAt().toString());
            e.talkingTo().ifPresent(p -> item.put("operator", p.number()));
            e.talkingSince().ifPresent(at -> item.put("bridgedAt", at.toString()));
            e.ringing().ifPresent(p -> item.put("ringing", p.number()));
            c.notes().get(CallNotes.IVR_PATH).ifPresent(path -> item.put("ivrPath", path));
            c.notes().get(CallNotes.CATEGORY).ifPresent(category -> item.put("category", category));
            c.notes().get(CallNotes.DEPARTMENT).ifPresent(department -> item.put("department", department));
            items.add(item);
        }
        return new JsonObject().put("calls", items);
    }
}
