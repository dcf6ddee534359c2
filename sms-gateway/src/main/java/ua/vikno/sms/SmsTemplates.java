package ua.vikno.sms;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ua.vikno.config.Sms;

/**
 * Renders the configured SMS templates: each {@code {placeholder}} of {@link Sms#PLACEHOLDERS} is replaced
 * by its value; a placeholder the template uses but the caller did not give is an error, never an empty gap.
 */
public final class SmsTemplates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private final Map<Sms.Template, String> texts;

    public SmsTemplates(Map<Sms.Template, String> texts) {
        this.texts = new EnumMap<>(texts);
    }

    public static SmsTemplates of(Sms sms) {
        return new SmsTemplates(sms.templates());
    }

    /** The text of the template with the values put in; values are keyed by placeholder name (e.g. "number"). */
    public String render(Sms.Template template, Map<String, String> values) {
        String text = texts.get(template);
        if (text == null) {
            throw new SmsFailure.InvalidMessage("no text configured for SMS template '" + template.key() + "'");
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 32);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new SmsFailure.InvalidMessage("SMS template '" + template.key() + "' needs a value for {"
                        + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
