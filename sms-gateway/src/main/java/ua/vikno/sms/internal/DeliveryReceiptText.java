package ua.vikno.sms.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The de-facto delivery receipt text of SMPP 3.4 Appendix B:
 * {@code id:IIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:...}.
 *
 * @param state the {@code stat} word, e.g. DELIVRD, UNDELIV
 */
public record DeliveryReceiptText(String id, String state, String error) {
    private static final Pattern ID = Pattern.compile("(?i)\\bid:(\\S+)");
    private static final Pattern STAT = Pattern.compile("(?i)\\bstat:(\\S+)");
    private static final Pattern ERR = Pattern.compile("(?i)\\berr:(\\S+)");

    /** Parses the receipt text; empty if it has no id or no stat. */
    public static Optional<DeliveryReceiptText> parse(String text) {
        Matcher id = ID.matcher(text);
        Matcher stat = STAT.matcher(text);
        if (!id.find() || !stat.find()) {
            return Optional.empty();
        }
        Matcher err = ERR.matcher(text);
        return Optional.of(new DeliveryReceiptText(id.group(1), stat.group(1).toUpperCase(Locale.ROOT),
                err.find() ? err.group(1) : ""));
    }

    /** Formats a receipt the way SMSCs do (used by the simulator). */
    public static String format(String id, String state, String error, String submitDate, String doneDate, String text) {
        String head = text.length() > 20 ? text.substring(0, 20) : text;
        return "id:" + id + " sub:001 dlvrd:" + ("DELIVRD".equals(state) ? "001" : "000") + " submit date:" + submitDate
                + " done date:" + doneDate + " stat:" + state + " err:" + error + " text:" + head;
    }

    /** DELIVRD ends a part well; UNDELIV, REJECTD, EXPIRED, DELETED and UNKNOWN end it badly; others are interim. */
    public boolean delivered() {
        return state.equals("DELIVRD");
    }

    public boolean failed() {
        return switch (state) {
            case "UNDELIV", "REJECTD", "EXPIRED", "DELETED", "UNKNOWN" -> true;
            default -> false;
        };
    }
}
