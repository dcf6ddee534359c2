package ua.vikno.sms;

import java.nio.charset.StandardCharsets;

import ua.vikno.sms.internal.Gsm7;

/** Reads a received short_message back to text, with its concatenation header if it has one. */
public final class SmsDecoder {
    private SmsDecoder() {
    }

    /**
     * One decoded part.
     *
     * @param reference concatenation reference, or -1 for an unsplit message
     */
    public record Part(int reference, int part, int parts, String text) {
        public boolean concatenated() {
            return reference >= 0;
        }
    }

    /** Decodes by data_coding (0 GSM7 unpacked, 8 UCS-2, 3 Latin-1, else Latin-1) and the UDHI flag. */
    public static Part decode(int dataCoding, boolean udhi, byte[] shortMessage) {
        int offset = 0;
        int reference = -1;
        int part = 1;
        int parts = 1;
        if (udhi && shortMessage.length > 0) {
            int udhl = shortMessage[0] & 0xFF;
            offset = 1 + udhl;
            int i = 1;
            while (i + 1 < offset && i + 1 < shortMessage.length) {
                int iei = shortMessage[i] & 0xFF;
                int len = shortMessage[i + 1] & 0xFF;
                if (iei == 0x00 && len == 3) {
                    reference = shortMessage[i + 2] & 0xFF;
                    parts = shortMessage[i + 3] & 0xFF;
                    part = shortMessage[i + 4] & 0xFF;
                } else if (iei == 0x08 && len == 4) {
                    reference = ((shortMessage[i + 2] & 0xFF) << 8) | (shortMessage[i + 3] & 0xFF);
                    parts = shortMessage[i + 4] & 0xFF;
                    part = shortMessage[i + 5] & 0xFF;
                }
                i += 2 + len;
            }
        }
        int length = Math.max(0, shortMessage.length - offset);
        String text = switch (dataCoding & 0xFF) {
            case 0x00 -> Gsm7.decode(shortMessage, offset, length);
            case 0x08 -> new String(shortMessage, offset, length, StandardCharsets.UTF_16BE);
            default -> new String(shortMessage, offset, length, StandardCharsets.ISO_8859_1);
        };
        return new Part(reference, part, parts, text);
    }
}
