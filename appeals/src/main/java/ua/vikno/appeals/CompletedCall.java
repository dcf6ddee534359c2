package ua.vikno.appeals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.vertx.core.json.JsonObject;
import ua.vikno.appeals.internal.AppealJson;

/**
 * What appeals needs of a finished call (a call record, CDR): the server builds it from the call model's
 * record, so that this module knows nothing of telephony.
 *
 * @param category  the labels of the IVR options the caller chose, e.g. ["Водопостачання", "Гаряча вода"]
 * @param ivrPath   the menu path, e.g. {@code main>1>2}
 * @param queueWait time spent waiting for an operator
 * @param talkTime  time spent talking to an operator
 */
public record CompletedCall(String callId, String caller, String dialledNumber, Instant startedAt,
                            Optional<Instant> answeredAt, Instant endedAt, String ivrPath, List<String> category,
                            Optional<String> department, Optional<String> operator, Duration queueWait,
                            Duration talkTime, Optional<String> recording, String hangupCause, AppealKind kind) {

    /** The JSON form the call is stored in beside its appeal. */
    public JsonObject toJson() {
        return AppealJson.of(this);
    }

    /**
     * The call of its {@link #toJson() JSON form}.
     *
     * @throws IllegalArgumentException when a field is missing or malformed, naming it where it can
     */
    public static CompletedCall fromJson(JsonObject json) {
        if (json.getString("callId") == null || json.getString("callId").isBlank()) {
            throw new IllegalArgumentException("callId is missing");
        }
        try {
            return AppealJson.call(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a completed call: " + e, e);
        }
    }
}
