package ua.vikno.sms.simulator;

import java.time.Instant;
import java.util.List;

/**
 * A whole message as the simulator received it, parts already joined.
 *
 * @param messageIds the message ids the simulator gave, one per part, in part order
 * @param dataCoding the SMPP data_coding of the parts (0 GSM 7-bit, 8 UCS-2)
 */
public record ReceivedSms(String source, String destination, String text, int parts, int dataCoding,
                          List<String> messageIds, Instant receivedAt) {
    public ReceivedSms {
        messageIds = List.copyOf(messageIds);
    }
}
