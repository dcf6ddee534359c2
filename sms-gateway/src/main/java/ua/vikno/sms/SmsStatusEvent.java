package ua.vikno.sms;

import java.time.Instant;
import java.util.List;

/**
 * A change of an SMS's status, for the appeals module to record on the appeal.
 *
 * @param smscMessageIds the SMSC's message ids, one per part (empty until SENT)
 * @param detail         why, for FAILED (the last error or the receipt state); empty otherwise
 */
public record SmsStatusEvent(String messageId, String reference, SmsStatus status, List<String> smscMessageIds,
                             String detail, Instant at) {
    public SmsStatusEvent {
        smscMessageIds = List.copyOf(smscMessageIds);
    }
}
