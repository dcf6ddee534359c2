package ua.vikno.sms.internal;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1), as unpacked septets:
 * one septet per octet, the form SMPP carries with data_coding 0.
 */
public final class Gsm7 {
    /** Septet values 0x00..0x7F; 0x1B is the escape to the extension table and maps to no character. */
    private static final String BASIC =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u0000ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final int ESCAPE = 0x1B;
    private static final int[] BASIC_OF = new int[0x10000];
    private static final int[] EXTENSION_OF = new int[0x10000];
    private static final char[] EXTENSION_CHAR = new char[128];

    static {
        java.util.Arrays.fill(BASIC_OF, -1);
        java.util.Arrays.fill(EXTENSION_OF, -1);
        if (BASIC.length() != 128) {
            throw new AssertionError("GSM basic table must have 128 entries, has " + BASIC.length());
        }
        for (int i = 0; i < 128; i++) {
            if (i != ESCAPE) {
                BASIC_OF[BASIC.charAt(i)] = i;
            }
        }
        extension('\f', 0x0A);
        extension('^', 0x14);
        extension('{', 0x28);
        extension('}', 0x29);
        extension('\\', 0x2F);
        extension('[', 0x3C);
        extension('~', 0x3D);
        extension(']', 0x3E);
        extension('|', 0x40);
        extension('€', 0x65);
    }

    private Gsm7() {
    }

    private static void extension(char c, int septet) {
        EXTENSION_OF[c] = septet;
        EXTENSION_CHAR[septet] = c;
    }

    /** Septets the character takes (1, or 2 for the extension table), or 0 if it is not in the alphabet. */
    public static int septets(char c) {
        if (BASIC_OF[c] >= 0) {
            return 1;
        }
        return EXTENSION_OF[c] >= 0 ? 2 : 0;
    }

    /** True if every character of the text is in the default alphabet or its extension table. */
    public static boolean canEncode(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (septets(text.charAt(i)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The text as unpacked septets; the text must satisfy {@link #canEncode}. */
    public static byte[] encode(CharSequence text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC_OF[c] >= 0) {
                out.write(BASIC_OF[c]);
            } else if (EXTENSION_OF[c] >= 0) {
                out.write(ESCAPE);
                out.write(EXTENSION_OF[c]);
            } else {
                throw new IllegalArgumentException("character U+" + Integer.toHexString(c) + " is not in GSM 7-bit");
            }
        }
        return out.toByteArray();
    }

    /** Unpacked septets back to text; an unknown escape yields a space, as TS 23.038 suggests. */
    public static String decode(byte[] septets, int offset, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = offset; i < offset + length; i++) {
            int s = septets[i] & 0x7F;
            if (s == ESCAPE && i + 1 < offset + length) {
                char c = EXTENSION_CHAR[septets[++i] & 0x7F];
                text.append(c == 0 ? ' ' : c);
            } else {
                text.append(s == ESCAPE ? ' ' : BASIC.charAt(s));
            }
        }
        return text.toString();
    }
}
