package ua.vikno.config.internal;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${NAME}} and {@code ${NAME:-default}} in configuration strings from environment
 * variables, so that secrets need not be written in the file.
 */
public final class Environment {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private final Function<String, String> lookup;

    public Environment(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    public static Environment of(Map<String, String> variables) {
        return new Environment(variables::get);
    }

    /** Expands the references in {@code text}; an unset variable without a default is reported at {@code path}. */
    public String expand(String path, String text, Problems problems) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = lookup.apply(m.group(1));
            if (value == null) {
                value = m.group(2);
            }
            if (value == null) {
                problems.add(path, "environment variable " + m.group(1) + " is not set");
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
