package ua.vikno.config.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A YAML mapping being bound to a record. Every read names its key, so that a wrong value is reported
 * at its dotted path and the keys nobody read are reported as unknown (typos must not pass silently).
 */
public final class Node {
    private final String path;
    private final Map<String, Object> values;
    private final Context context;
    private final Set<String> read = new LinkedHashSet<>();

    /** What every node of one file shares: where errors go and how {@code ${VAR}} is expanded. */
    public record Context(Problems problems, Environment environment) {
    }

    public Node(String path, Map<String, Object> values, Context context) {
        this.path = path;
        this.values = values;
        this.context = context;
    }

    /** Wraps {@code value} as a mapping, reporting at {@code path} when it is something else. */
    public static Optional<Node> of(String path, Object value, Context context) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return Optional.of(new Node(path, copy, context));
        }
        context.problems().add(path, "expected a mapping (key: value), found " + describe(value));
        return Optional.empty();
    }

    public String path() {
        return path;
    }

    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public Problems problems() {
        return context.problems();
    }

    public Context context() {
        return context;
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** The raw YAML value of {@code key} (a String, Map, List or null), marked as read. */
    public Object raw(String key) {
        read.add(key);
        return values.get(key);
    }

    public Set<String> keys() {
        return values.keySet();
    }

    /** Reports {@code message} at the path of {@code key}. */
    public void error(String key, String message) {
        context.problems().add(path(key), message);
    }

    public Optional<String> string(String key) {
        read.add(key);
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map || v instanceof List) {
            error(key, "expected a single value, found " + describe(v));
            return Optional.empty();
        }
        return Optional.of(context.environment().expand(path(key), String.valueOf(v), context.problems()));
    }

    public String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    /** A required value; a missing one is reported and {@code ""} returned so that binding goes on. */
    public String required(String key) {
        Optional<String> v = string(key);
        if (v.isEmpty() || v.get().isBlank()) {
            error(key, "is required");
            return "";
        }
        return v.get();
    }

    public <T> Optional<T> parsed(String key, Function<String, Optional<T>> parser, String expected) {
        return string(key).flatMap(text -> {
            Optional<T> value = parser.apply(text);
            if (value.isEmpty()) {
                error(key, "bad value '" + text + "' (expected " + expected + ")");
            }
            return value;
        });
    }

    public int integer(String key, int fallback, int min, int max) {
        return parsed(key, t -> {
            try {
                return Optional.of(Integer.parseInt(t.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }, "a whole number").map(n -> {
            if (n < min || n > max) {
                error(key, "value " + n + " is out of range " + min + ".." + max);
                return fallback;
            }
            return n;
        }).orElse(fallback);
    }

    public boolean bool(String key, boolean fallback) {
        return parsed(key, t -> switch (t.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Optional.of(true);
            case "false", "no", "off" -> Optional.of(false);
            default -> Optional.empty();
        }, "true or false").orElse(fallback);
    }

    public Duration duration(String key, Duration fallback) {
        return optionalDuration(key).orElse(fallback);
    }

    public Optional<Duration> optionalDuration(String key) {
        return parsed(key, Scalars::duration, "a duration such as 500ms, 20s, 5m, 1h or 30d");
    }

    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
        return optionalEnum(key, type).orElse(fallback);
    }

    public <E extends Enum<E>> Optional<E> optionalEnum(String key, Class<E> type) {
        return string(key).flatMap(t -> enumOf(path(key), t, type, context.problems()));
    }

    public static <E extends Enum<E>> Optional<E> enumOf(String path, String text, Class<E> type, Problems problems) {
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return Optional.of(e);
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        problems.add(path, "unknown value '" + text + "' (expected one of: " + String.join(", ", allowed) + ")");
        return Optional.empty();
    }

    public Optional<Node> node(String key) {
        read.add(key);
        Object v = values.get(key);
        return v == null ? Optional.empty() : of(path(key), v, context);
    }

    /** A mapping whose keys are names chosen by the user (menus, departments): name -> node. */
    public Map<String, Node> named(String key) {
        Map<String, Node> out = new LinkedHashMap<>();
        node(key).ifPresent(n -> {
            for (String name : n.keys()) {
                n.node(name).ifPresent(child -> out.put(name, child));
            }
        });
        return out;
    }

    /** The raw elements of a sequence, with their paths ({@code key[i]}); a single scalar counts as a list of one. */
    public List<Element> list(String key) {
        read.add(key);
        Object v = values.get(key);
        List<Element> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                out.add(new Element(path(key) + "[" + i + "]", list.get(i)));
            }
        } else if (v instanceof Map) {
            error(key, "expected a list, found a mapping");
        } else {
            out.add(new Element(path(key), v));
        }
        return out;
    }

    /** The scalar elements of a sequence, expanded. */
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (Element e : list(key)) {
            e.string(context).ifPresent(out::add);
        }
        return out;
    }

    /** An element of a sequence, with its path. */
    public record Element(String path, Object value) {
        public Optional<String> string(Context context) {
            if (value == null || value instanceof Map || value instanceof List) {
                context.problems().add(path, "expected a single value, found " + describe(value));
                return Optional.empty();
            }
            return Optional.of(context.environment().expand(path, String.valueOf(value), context.problems()));
        }

        public Optional<Node> node(Context context) {
            return Node.of(path, value, context);
        }
    }

    /** Reports every key of this mapping that no binder read, with the nearest known key as a hint. */
    public void rejectUnknownKeys() {
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                error(key, "unknown key" + hint(key, read));
            }
        }
    }

    private static String hint(String key, Collection<String> known) {
        Optional<String> nearest = known.stream()
                .min(Comparator.comparingInt(k -> Scalars.distance(k, key)))
                .filter(k -> Scalars.distance(k, key) <= Math.max(2, key.length() / 3));
        return nearest.map(k -> " (did you mean '" + k + "'?)")
                .orElse(known.isEmpty() ? "" : " (expected one of: " + String.join(", ", known) + ")");
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "'" + value + "'";
    }
}
