package ua.vikno.config.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import ua.vikno.config.Target;
import ua.vikno.config.Target.Kind;

/**
 * Reads routing targets: {@code kind:name} (for example {@code department:water}) or a bare name that
 * is looked up among menus, departments, queues, voicemail boxes and line extensions.
 */
public final class TargetResolver {
    private static final Pattern EXTERNAL = Pattern.compile("\\+?[0-9]{3,15}");
    private final Map<Kind, Set<String>> names = new EnumMap<>(Kind.class);

    public TargetResolver(Set<String> menus, Set<String> lines, Set<String> departments, Set<String> queues,
                          Set<String> voicemail, Set<String> prompts) {
        names.put(Kind.MENU, menus);
        names.put(Kind.LINE, lines);
        names.put(Kind.DEPARTMENT, departments);
        names.put(Kind.QUEUE, queues);
        names.put(Kind.VOICEMAIL, voicemail);
        names.put(Kind.HANGUP, prompts);
    }

    /** Resolves {@code text}, reporting problems at {@code path}. */
    public Optional<Target> resolve(String path, String text, Problems problems) {
        String t = text.trim();
        int colon = t.indexOf(':');
        if (colon < 0) {
            return bare(path, t, problems);
        }
        String kindText = t.substring(0, colon).toLowerCase(Locale.ROOT);
        String ref = t.substring(colon + 1).trim();
        Kind kind;
        try {
            kind = Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(path, "unknown target kind '" + kindText + "' in '" + t
                    + "' (expected menu, line, department, queue, voicemail, external or hangup)");
            return Optional.empty();
        }
        if (kind == Kind.EXTERNAL) {
            if (!EXTERNAL.matcher(ref).matches()) {
                problems.add(path, "bad external number '" + ref + "' (expected digits, optionally with a leading +)");
                return Optional.empty();
            }
            return Optional.of(new Target(kind, ref));
        }
        if (kind == Kind.HANGUP && ref.isEmpty()) {
            return Optional.of(new Target(kind, ""));
        }
        if (!names.get(kind).contains(ref)) {
            String what = kind == Kind.HANGUP ? "prompt" : kind.key();
            problems.add(path, "unknown " + what + " '" + ref + "' in target '" + t + "'");
            return Optional.empty();
        }
        return Optional.of(new Target(kind, ref));
    }

    private Optional<Target> bare(String path, String name, Problems problems) {
        if (name.equals("hangup")) {
            return Optional.of(new Target(Kind.HANGUP, ""));
        }
        List<Kind> matches = new ArrayList<>();
        for (Kind kind : List.of(Kind.MENU, Kind.DEPARTMENT, Kind.QUEUE, Kind.VOICEMAIL, Kind.LINE)) {
            if (names.get(kind).contains(name)) {
                matches.add(kind);
            }
        }
        if (matches.isEmpty()) {
            problems.add(path, "unknown target '" + name + "'");
            return Optional.empty();
        }
        if (matches.size() > 1) {
            problems.add(path, "ambiguous target '" + name + "': it names a "
                    + String.join(" and a ", matches.stream().map(Kind::key).toList())
                    + "; write it as kind:" + name);
            return Optional.empty();
        }
        return Optional.of(new Target(matches.get(0), name));
    }
}
