package ua.vikno.sms;

import java.time.Instant;
import java.util.List;

/**
 * What Redis holds about one SMS.
 *
 * @param attempts       failed submit attempts so far (throttling and a missing link are not counted)
 * @param smscMessageIds SMSC message ids, one per accepted part
 */
public record SmsRecord(OutgoingSms message, SmsStatus status, int attempts, List<String> smscMessageIds,
                        String lastError, Instant updatedAt) {
    public SmsRecord {
        smscMessageIds = List.copyOf(smscMessageIds);
    }
}
