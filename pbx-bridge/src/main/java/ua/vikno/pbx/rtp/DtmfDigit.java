package ua.vikno.pbx.rtp;

import java.util.Optional;

/** The sixteen DTMF digits with their RFC 4733 event codes (RFC 4733 section 3.2, table 3). */
public enum DtmfDigit {
    ZERO('0'), ONE('1'), TWO('2'), THREE('3'), FOUR('4'), FIVE('5'), SIX('6'), SEVEN('7'), EIGHT('8'), NINE('9'),
    STAR('*'), POUND('#'), A('A'), B('B'), C('C'), D('D');

    private final char symbol;

    DtmfDigit(char symbol) {
        this.symbol = symbol;
    }

    /** The key as written on the keypad and in dial strings. */
    public char symbol() {
        return symbol;
    }

    /** The RFC 4733 event code, 0-15. */
    public int eventCode() {
        return ordinal();
    }

    public static Optional<DtmfDigit> ofEventCode(int code) {
        return code >= 0 && code < 16 ? Optional.of(values()[code]) : Optional.empty();
    }

    /** The digit for a keypad symbol, case-insensitive for A-D. */
    public static Optional<DtmfDigit> ofSymbol(char symbol) {
        char upper = Character.toUpperCase(symbol);
        for (DtmfDigit d : values()) {
            if (d.symbol == upper) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
