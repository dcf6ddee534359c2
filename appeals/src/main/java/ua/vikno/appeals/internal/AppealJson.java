package ua.vikno.appeals.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import ua.vikno.appeals.Appeal;
import ua.vikno.appeals.AppealKind;
import ua.vikno.appeals.AppealStatus;
import ua.vikno.appeals.CompletedCall;
import ua.vikno.appeals.HistoryEntry;
import ua.vikno.appeals.SmsNote;

/** The JSON form of appeals, history entries and call records, as stored in Redis and served by the API. */
public final class AppealJson {
    private AppealJson() {
    }

    public static JsonObject of(Appeal a) {
        JsonArray sms = new JsonArray();
        a.sms().forEach(s -> sms.add(new JsonObject().put("id", s.id()).put("reason", s.reason()).put("text", s.text())
                .put("status", s.status()).put("updatedAt", s.updatedAt().toString())));
        return new JsonObject().put("number", a.number()).put("createdAt", a.createdAt().toString())
                .put("updatedAt", a.updatedAt().toString()).put("phone", a.phone()).put("kind", key(a.kind()))
                .put("category", a.category()).put("ivrPath", a.ivrPath())
                .put("department", a.department().orElse(null)).put("operator", a.operator().orElse(null))
                .put("assignee", a.assignee().orElse(null)).put("status", a.status().key()).put("callId", a.callId())
                .put("recording", a.recording().orElse(null)).put("linkedTo", a.linkedTo().orElse(null))
                .put("sms", sms).put("version", a.version());
    }

    public static Appeal appeal(JsonObject j) {
        List<SmsNote> sms = new ArrayList<>();
        JsonArray notes = j.getJsonArray("sms", new JsonArray());
        for (int i = 0; i < notes.size(); i++) {
            JsonObject s = notes.getJsonObject(i);
            sms.add(new SmsNote(s.getString("id"), s.getString("reason"), s.getString("text"), s.getString("status"),
                    Instant.parse(s.getString("updatedAt"))));
        }
        return new Appeal(j.getString("number"), Instant.parse(j.getString("createdAt")),
                Instant.parse(j.getString("updatedAt")), j.getString("phone"),
                AppealKind.valueOf(j.getString("kind").toUpperCase(java.util.Locale.ROOT)), j.getString("category"),
                j.getString("ivrPath"), opt(j, "department"), opt(j, "operator"), opt(j, "assignee"),
                AppealStatus.fromKey(j.getString("status")), j.getString("callId"), opt(j, "recording"),
                opt(j, "linkedTo"), List.copyOf(sms), j.getLong("version"));
    }

    public static JsonObject of(HistoryEntry h) {
        return new JsonObject().put("at", h.at().toString()).put("actor", h.actor()).put("action", h.action().name())
                .put("from", h.from().map(AppealStatus::key).orElse(null))
                .put("to", h.to().map(AppealStatus::key).orElse(null)).put("detail", h.detail());
    }

    public static HistoryEntry history(JsonObject j) {
        return new HistoryEntry(Instant.parse(j.getString("at")), j.getString("actor"),
                HistoryEntry.Action.valueOf(j.getString("action")),
                opt(j, "from").map(AppealStatus::fromKey), opt(j, "to").map(AppealStatus::fromKey),
                j.getString("detail", ""));
    }

    public static JsonObject of(CompletedCall c) {
        return new JsonObject().put("callId", c.callId()).put("caller", c.caller()).put("dialledNumber", c.dialledNumber())
                .put("startedAt", c.startedAt().toString()).put("answeredAt", c.answeredAt().map(Instant::toString).orElse(null))
                .put("endedAt", c.endedAt().toString()).put("ivrPath", c.ivrPath()).put("category", new JsonArray(c.category()))
                .put("department", c.department().orElse(null)).put("operator", c.operator().orElse(null))
                .put("queueWaitMs", c.queueWait().toMillis()).put("talkMs", c.talkTime().toMillis())
                .put("recording", c.recording().orElse(null)).put("hangupCause", c.hangupCause()).put("kind", key(c.kind()));
    }

    public static CompletedCall call(JsonObject j) {
        List<String> category = new ArrayList<>();
        j.getJsonArray("category", new JsonArray()).forEach(x -> category.add(String.valueOf(x)));
        return new CompletedCall(j.getString("callId"), j.getString("caller"), j.getString("dialledNumber"),
                Instant.parse(j.getString("startedAt")), opt(j, "answeredAt").map(Instant::parse),
                Instant.parse(j.getString("endedAt")), j.getString("ivrPath"), List.copyOf(category),
                opt(j, "department"), opt(j, "operator"), Duration.ofMillis(j.getLong("queueWaitMs", 0L)),
                Duration.ofMillis(j.getLong("talkMs", 0L)), opt(j, "recording"), j.getString("hangupCause", ""),
                AppealKind.valueOf(j.getString("kind").toUpperCase(java.util.Locale.ROOT)));
    }

    public static String key(AppealKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Optional<String> opt(JsonObject j, String key) {
        return Optional.ofNullable(j.getString(key));
    }
}
