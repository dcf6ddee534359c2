package ua.vikno.config.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import ua.vikno.config.Secret;
import ua.vikno.config.Sms;

/** Binds {@code sms}: SMPP account, limits, mobile-number patterns, templates and the simulator. */
final class SmsBinder {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private SmsBinder() {
    }

    static Sms bind(Node n) {
        boolean enabled = n.bool("enabled", true);
        Sms.Smpp smpp = n.node("smpp").map(s -> {
            Sms.Smpp v = new Sms.Smpp(s.string("host", "127.0.0.1"), s.integer("port", 2775, 1, 65535),
                    s.required("system-id"), new Secret(s.string("password", "")), s.string("system-type", ""),
                    s.integer("window", 10, 1, 1000), s.duration("enquire-link", Duration.ofSeconds(30)),
                    s.duration("reconnect-max", Duration.ofSeconds(30)));
            // SMPP 3.4 section 5.2: system_id is at most 15 octets, password 8, system_type 12 (each without NUL).
            tooLong(s, "system-id", v.systemId(), 15);
            tooLong(s, "password", v.password().value(), 8);
            tooLong(s, "system-type", v.systemType(), 12);
            s.rejectUnknownKeys();
            return v;
        }).orElse(null);
        if (smpp == null) {
            n.error("smpp", "is required");
        }
        String source = n.required("source-address");
        int tps = n.integer("tps", 10, 0, 100_000);
        int attempts = n.integer("max-attempts", 10, 1, 1000);
        List<Pattern> mobile = new ArrayList<>();
        for (Node.Element e : n.list("mobile-patterns")) {
            e.string(n.context()).ifPresent(p -> {
                try {
                    mobile.add(Pattern.compile(p));
                } catch (PatternSyntaxException ex) {
                    n.problems().add(e.path(), "bad regular expression '" + p + "': " + ex.getDescription());
                }
            });
        }
        Map<Sms.Template, String> templates = new EnumMap<>(Sms.Template.class);
        n.node("templates").ifPresentOrElse(t -> {
            for (Sms.Template template : Sms.Template.values()) {
                t.string(template.key()).ifPresentOrElse(text -> {
                    checkPlaceholders(t, template.key(), text);
                    templates.put(template, text);
                }, () -> t.error(template.key(), "is required"));
            }
            t.rejectUnknownKeys();
        }, () -> n.error("templates", "is required"));
        Sms.Simulator simulator = n.node("simulator").map(s -> {
            Sms.Simulator v = new Sms.Simulator(s.bool("enabled", false), s.string("bind", "127.0.0.1"),
                    s.integer("port", 2775, 1, 65535));
            s.rejectUnknownKeys();
            return v;
        }).orElse(new Sms.Simulator(false, "127.0.0.1", 2775));
        n.rejectUnknownKeys();
        return new Sms(enabled, smpp, source, tps, attempts, List.copyOf(mobile), Map.copyOf(templates), simulator);
    }

    private static void tooLong(Node n, String key, String value, int max) {
        if (value.length() > max) {
            n.error(key, "too long for SMPP 3.4: " + value.length() + " characters, at most " + max);
        }
    }

    private static void checkPlaceholders(Node t, String key, String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!Sms.PLACEHOLDERS.contains(m.group(1))) {
                t.error(key, "unknown placeholder '{" + m.group(1) + "}' (expected "
                        + String.join(", ", Sms.PLACEHOLDERS.stream().map(p -> "{" + p + "}").toList()) + ")");
            }
        }
    }
}
