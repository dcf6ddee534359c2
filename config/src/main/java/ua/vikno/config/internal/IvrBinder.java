package ua.vikno.config.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ua.vikno.config.Ivr;
import ua.vikno.config.Target;

/** Binds {@code ivr}: entry flows, menus and the operator target. */
final class IvrBinder {
    private static final String DIGITS = "0123456789*#";

    private final TargetResolver targets;
    private final Set<String> prompts;

    IvrBinder(TargetResolver targets, Set<String> prompts) {
        this.targets = targets;
        this.prompts = prompts;
    }

    Ivr bind(Node n) {
        Target operator = target(n, "operator").orElse(null);
        Map<String, Ivr.Flow> flows = new LinkedHashMap<>();
        n.named("flows").forEach((id, f) -> {
            Ivr.Branch open = f.node("open").map(this::branch).orElse(null);
            Ivr.Branch closed = f.node("closed").map(this::branch).orElse(null);
            if (!f.has("open")) {
                f.error("open", "is required");
            }
            if (!f.has("closed")) {
                f.error("closed", "is required");
            }
            f.rejectUnknownKeys();
            flows.put(id, new Ivr.Flow(id, open, closed));
        });
        if (flows.isEmpty()) {
            n.error("flows", "at least one flow is required");
        }
        Map<String, Ivr.Menu> menus = new LinkedHashMap<>();
        n.named("menus").forEach((id, m) -> menus.put(id, menu(id, m)));
        n.rejectUnknownKeys();
        return new Ivr(Map.copyOf(flows), java.util.Collections.unmodifiableMap(menus), operator);
    }

    private Ivr.Branch branch(Node b) {
        Optional<String> greeting = prompt(b, "greeting");
        Target then = target(b, "then").orElse(null);
        b.rejectUnknownKeys();
        return new Ivr.Branch(greeting, then);
    }

    private Ivr.Menu menu(String id, Node m) {
        String name = m.string("name", id);
        String prompt = m.has("prompt") ? prompt(m, "prompt").orElse("") : missing(m, "prompt");
        Duration timeout = m.duration("timeout", Duration.ofSeconds(5));
        int retries = m.integer("retries", 2, 0, 10);
        Optional<String> invalid = prompt(m, "invalid-prompt");
        Optional<String> noInput = prompt(m, "timeout-prompt");
        Target exhausted = target(m, "on-exhausted").orElse(null);
        boolean directDial = m.bool("direct-dial", false);
        Map<Character, Ivr.Option> options = new LinkedHashMap<>();
        m.node("options").ifPresentOrElse(o -> {
            for (String key : o.keys()) {
                if (key.length() != 1 || DIGITS.indexOf(key.charAt(0)) < 0) {
                    o.error(key, "an option key must be one DTMF digit: 0-9, * or #");
                    o.string(key);
                    continue;
                }
                char digit = key.charAt(0);
                option(o, key, digit).ifPresent(opt -> options.put(digit, opt));
            }
            o.rejectUnknownKeys();
        }, () -> m.error("options", "is required"));
        m.rejectUnknownKeys();
        return new Ivr.Menu(id, name, prompt, timeout, retries, invalid, noInput, exhausted,
                java.util.Collections.unmodifiableMap(options), directDial);
    }

    /** An option is a target ({@code "1": water}) or a mapping with a label ({@code "1": {label: .., target: ..}}). */
    private Optional<Ivr.Option> option(Node options, String key, char digit) {
        if (options.raw(key) instanceof Map) {
            return options.node(key).flatMap(opt -> {
                String label = opt.string("label", "");
                Optional<Target> t = target(opt, "target");
                opt.rejectUnknownKeys();
                return t.map(target -> new Ivr.Option(digit, label.isEmpty() ? target.ref() : label, target));
            });
        }
        return target(options, key).map(t -> new Ivr.Option(digit, t.ref(), t));
    }

    private Optional<Target> target(Node n, String key) {
        Optional<String> text = n.string(key);
        if (text.isEmpty()) {
            n.error(key, "is required");
            return Optional.empty();
        }
        return targets.resolve(n.path(key), text.get(), n.problems());
    }

    private Optional<String> prompt(Node n, String key) {
        Optional<String> id = n.string(key);
        id.filter(p -> !prompts.contains(p)).ifPresent(p -> n.error(key, "unknown prompt '" + p + "'"));
        return id.filter(prompts::contains);
    }

    private static String missing(Node n, String key) {
        n.error(key, "is required");
        return "";
    }
}
