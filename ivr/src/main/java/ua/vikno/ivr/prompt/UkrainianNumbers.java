package ua.vikno.ivr.prompt;

import java.util.ArrayList;
import java.util.List;

/**
 * Spoken Ukrainian cardinal numbers from 1 to 999 as a sequence of number prompts, and the plural form a noun
 * takes after a number.
 *
 * <p>Prompt ids: {@code number-1} ... {@code number-19}, {@code number-20} ... {@code number-90} (tens),
 * {@code number-100} ... {@code number-900} (hundreds), and the feminine {@code number-1f} ("одна") and
 * {@code number-2f} ("дві") for feminine nouns such as "хвилина". 21 is {@code number-20, number-1}; 112 is
 * {@code number-100, number-12}. Larger numbers are spoken as 999.
 */
public final class UkrainianNumbers {
    /** The largest number spoken; anything above is clamped to it. */
    public static final int MAX = 999;

    /** Grammatical gender of the counted noun: only 1 and 2 differ ("один/одна", "два/дві"). */
    public enum Gender {
        MASCULINE, FEMININE
    }

    /** The noun's form after a number: "1 хвилина", "2 хвилини", "5 хвилин". */
    public enum PluralForm {
        /** 1, 21, 101 ... (not 11): nominative singular. */
        ONE,
        /** 2-4, 22-24 ... (not 12-14): nominative plural. */
        FEW,
        /** 0, 5-20, 25-30, 11-14 ...: genitive plural. */
        MANY
    }

    private UkrainianNumbers() {
    }

    /** The prompt ids that speak {@code n} (1 to 999; below 1 is 1, above 999 is 999). */
    public static List<String> words(int n, Gender gender) {
        int number = Math.max(1, Math.min(MAX, n));
        List<String> ids = new ArrayList<>(3);
        int hundreds = number / 100 * 100;
        int rest = number % 100;
        if (hundreds > 0) {
            ids.add("number-" + hundreds);
        }
        if (rest >= 20) {
            ids.add("number-" + rest / 10 * 10);
            rest %= 10;
        }
        if (rest > 0) {
            ids.add("number-" + rest + (gender == Gender.FEMININE && rest <= 2 ? "f" : ""));
        }
        return ids;
    }

    /** The plural form after {@code n} (Ukrainian rules: by the last digit, 11-14 are "many"). */
    public static PluralForm pluralOf(int n) {
        int lastTwo = Math.abs(n) % 100;
        int last = lastTwo % 10;
        if (lastTwo >= 11 && lastTwo <= 14) {
            return PluralForm.MANY;
        }
        if (last == 1) {
            return PluralForm.ONE;
        }
        return last >= 2 && last <= 4 ? PluralForm.FEW : PluralForm.MANY;
    }

    /** Every number prompt id that {@link #words} may return, for checking a prompt set. */
    public static List<String> allIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 19; i++) {
            ids.add("number-" + i);
        }
        for (int i = 20; i <= 90; i += 10) {
            ids.add("number-" + i);
        }
        for (int i = 100; i <= 900; i += 100) {
            ids.add("number-" + i);
        }
        ids.add("number-1f");
        ids.add("number-2f");
        return ids;
    }
}
