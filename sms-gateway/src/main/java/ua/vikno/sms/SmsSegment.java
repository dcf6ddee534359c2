package ua.vikno.sms;

import java.util.Arrays;

/**
 * One submit_sm worth of a message: its alphabet, its place among the parts, the text it carries and the
 * octets for short_message (with the concatenation header first when {@code udh} is set).
 *
 * @param part  1-based position
 * @param parts number of parts of the whole message
 */
public record SmsSegment(SmsAlphabet alphabet, int part, int parts, String text, boolean udh, byte[] shortMessage) {

    public SmsSegment {
        shortMessage = shortMessage.clone();
    }

    @Override
    public byte[] shortMessage() {
        return shortMessage.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmsSegment s && s.alphabet == alphabet && s.part == part && s.parts == parts
                && s.text.equals(text) && s.udh == udh && Arrays.equals(s.shortMessage, shortMessage);
    }

    @Override
    public int hashCode() {
        return 31 * text.hashCode() + Arrays.hashCode(shortMessage);
    }

    @Override
    public String toString() {
        return "SmsSegment[" + alphabet + " " + part + "/" + parts + " '" + text + "']";
    }
}
