package ua.vikno.sms;

import java.util.regex.Pattern;

/**
 * A message for the outbox.
 *
 * @param id          unique and stable for the message (enqueueing the same id twice sends it once)
 * @param destination the resident's number in international form, e.g. {@code +380671234567}
 * @param reference   what the message is about, e.g. the appeal number {@code 2026-000123}
 */
public record OutgoingSms(String id, String destination, String text, String reference) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{3,20}");

    public OutgoingSms {
        if (id == null || !ID.matcher(id).matches()) {
            throw new SmsFailure.InvalidMessage("bad SMS id '" + id + "' (1-100 of A-Z a-z 0-9 . _ : -)");
        }
        if (destination == null || !NUMBER.matcher(destination).matches()) {
            throw new SmsFailure.InvalidMessage("bad destination '" + destination + "' for SMS " + id);
        }
        if (text == null || text.isEmpty()) {
            throw new SmsFailure.InvalidMessage("empty text for SMS " + id);
        }
        reference = reference == null ? "" : reference;
    }
}
