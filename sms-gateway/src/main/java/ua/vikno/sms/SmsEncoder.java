package ua.vikno.sms;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import ua.vikno.sms.internal.Gsm7;

/**
 * Chooses the alphabet for a text and splits it into segments: GSM 7-bit when every character fits the
 * default alphabet (160 septets, 153 per part), else UCS-2 (70 units, 67 per part). Parts carry a
 * concatenation UDH with IEI 0x00 and an 8-bit reference (3GPP TS 23.040 §9.2.3.24.1).
 */
public final class SmsEncoder {
    /** Concatenation header: UDHL, IEI 0x00, IEDL 3, reference, total, sequence. */
    static final int UDH_LENGTH = 6;
    private static final int MAX_PARTS = 255;

    private SmsEncoder() {
    }

    /** The alphabet the text needs. */
    public static SmsAlphabet alphabetOf(String text) {
        return Gsm7.canEncode(text) ? SmsAlphabet.GSM7 : SmsAlphabet.UCS2;
    }

    /**
     * Splits the text into segments.
     *
     * @param reference the concatenation reference (0..255), the same for every part and every retry
     */
    public static List<SmsSegment> encode(String text, int reference) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an SMS text must not be empty");
        }
        SmsAlphabet alphabet = alphabetOf(text);
        List<String> chunks = split(text, alphabet);
        if (chunks.size() > MAX_PARTS) {
            throw new IllegalArgumentException("text of " + text.length() + " characters needs " + chunks.size()
                    + " parts; at most " + MAX_PARTS + " are possible");
        }
        List<SmsSegment> segments = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            String chunk = chunks.get(i);
            byte[] body = alphabet == SmsAlphabet.GSM7 ? Gsm7.encode(chunk) : chunk.getBytes(StandardCharsets.UTF_16BE);
            if (chunks.size() == 1) {
                segments.add(new SmsSegment(alphabet, 1, 1, chunk, false, body));
            } else {
                byte[] sm = new byte[UDH_LENGTH + body.length];
                sm[0] = 0x05;
                sm[1] = 0x00;
                sm[2] = 0x03;
                sm[3] = (byte) reference;
                sm[4] = (byte) chunks.size();
                sm[5] = (byte) (i + 1);
                System.arraycopy(body, 0, sm, UDH_LENGTH, body.length);
                segments.add(new SmsSegment(alphabet, i + 1, chunks.size(), chunk, true, sm));
            }
        }
        return List.copyOf(segments);
    }

    /** Number of parts the text takes, without encoding it. */
    public static int partCount(String text) {
        return split(text, alphabetOf(text)).size();
    }

    private static List<String> split(String text, SmsAlphabet alphabet) {
        if (units(text, alphabet, 0, text.length()) <= alphabet.singleLimit()) {
            return List.of(text);
        }
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = start;
            int used = 0;
            while (end < text.length()) {
                int step = Character.isHighSurrogate(text.charAt(end)) && end + 1 < text.length() ? 2 : 1;
                int size = units(text, alphabet, end, end + step);
                if (used + size > alphabet.partLimit()) {
                    break;
                }
                used += size;
                end += step;
            }
            chunks.add(text.substring(start, end));
            start = end;
        }
        return chunks;
    }

    /** Septets (GSM7: an extension character is two, never split) or UTF-16 units (UCS-2). */
    private static int units(String text, SmsAlphabet alphabet, int from, int to) {
        if (alphabet == SmsAlphabet.UCS2) {
            return to - from;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            n += Gsm7.septets(text.charAt(i));
        }
        return n;
    }
}
