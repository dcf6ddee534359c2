package ua.vikno.appeals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
}
