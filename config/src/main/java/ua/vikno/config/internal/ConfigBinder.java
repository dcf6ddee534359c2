package ua.vikno.config.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import ua.vikno.config.CallQueue;
import ua.vikno.config.ConsoleUser;
import ua.vikno.config.Department;
import ua.vikno.config.DialledNumber;
import ua.vikno.config.Ivr;
import ua.vikno.config.Line;
import ua.vikno.config.Network;
import ua.vikno.config.Prompt;
import ua.vikno.config.Recording;
import ua.vikno.config.RedisSettings;
import ua.vikno.config.Role;
import ua.vikno.config.Schedule;
import ua.vikno.config.Secret;
import ua.vikno.config.Site;
import ua.vikno.config.Sms;
import ua.vikno.config.Target;
import ua.vikno.config.Trunk;
import ua.vikno.config.ViknoConfig;

/** Binds the root mapping of a configuration file to {@link ViknoConfig}, section by section. */
public final class ConfigBinder {
    private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,6}");
    private static final Pattern EMERGENCY_NUMBER = Pattern.compile("[0-9]{2,15}");
    private static final Pattern PASSWORD_HASH =
            Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}|\\$argon2(id|i|d)\\$.+");
    private static final int MIN_SIP_PASSWORD = 8;

    private final Path baseDir;
    private final Node.Context context;
    private final PromptCheck promptCheck;

    public ConfigBinder(Path baseDir, Problems problems, Environment environment, PromptCheck promptCheck) {
        this.baseDir = baseDir;
        this.context = new Node.Context(problems, environment);
        this.promptCheck = promptCheck;
    }

    /** Checks a prompt file when the configuration is loaded: present, readable, not too long. */
    public interface PromptCheck {
        /** Returns an error message, or empty when the file is fine. */
        Optional<String> check(Path file, Duration maxLength);
    }

    public ViknoConfig bind(Path source, Object rootValue) {
        Node root = Node.of("", rootValue == null ? Map.of() : rootValue, context)
                .orElse(new Node("", Map.of(), context));
        Map<String, Prompt> prompts = root.node("prompts").map(this::prompts).orElse(Map.of());
        Site site = root.node("site").map(this::site).orElseGet(() -> missing(root, "site"));
        List<Line> lines = lines(root, site == null ? List.of() : site.emergencyNumbers());
        Set<String> extensions = new LinkedHashSet<>();
        lines.forEach(l -> extensions.add(l.extension()));
        TargetResolver targets = new TargetResolver(keys(rootValue, "ivr", "menus"), extensions,
                keys(rootValue, "departments"), keys(rootValue, "queues"), keys(rootValue, "voicemail"),
                prompts.keySet());

        Network network = root.node("network").map(NetworkBinder::bind).orElseGet(() -> NetworkBinder.bind(empty("network")));
        RedisSettings redis = root.node("redis").map(this::redis).orElseGet(() -> redis(empty("redis")));
        Map<String, Department> departments = departments(root, lines, targets);
        Map<String, ua.vikno.config.VoicemailBox> voicemail = VoicemailBoxBinder.bind(root, prompts.keySet(), departments.keySet());
        Map<String, CallQueue> queues = queues(root, targets, prompts.keySet(), departments.keySet());
        Map<String, Trunk> trunks = trunks(root);
        Schedule schedule = root.node("schedule").map(ScheduleBinder::bind).orElseGet(() -> missing(root, "schedule"));
        Ivr ivr = root.node("ivr").map(n -> new IvrBinder(targets, prompts.keySet()).bind(n))
                .orElseGet(() -> missing(root, "ivr"));
        Map<String, DialledNumber> numbers = numbers(root, ivr, trunks);
        Recording recording = root.node("recording").map(this::recording)
                .orElseGet(() -> recording(empty("recording")));
        Sms sms = root.node("sms").map(SmsBinder::bind).orElseGet(() -> new Sms(false, null, "", 0, 1,
                List.of(), Map.of(), new Sms.Simulator(false, "127.0.0.1", 2775)));
        List<ConsoleUser> users = users(root, extensions);
        root.rejectUnknownKeys();
        NetworkBinder.checkPorts(network, context.problems());
        return new ViknoConfig(source, site, network, redis, lines, departments, queues, voicemail, trunks,
                numbers, schedule, ivr, prompts, recording, sms, users);
    }

    private Node empty(String path) {
        return new Node(path, Map.of(), context);
    }

    private <T> T missing(Node root, String key) {
        root.error(key, "is required");
        return null;
    }

    private Site site(Node n) {
        List<String> emergency = Site.DEFAULT_EMERGENCY_NUMBERS;
        if (n.has("emergency-numbers")) {
            Set<String> numbers = new LinkedHashSet<>();
            for (Node.Element e : n.list("emergency-numbers")) {
                e.string(context).ifPresent(number -> {
                    if (EMERGENCY_NUMBER.matcher(number).matches()) {
                        numbers.add(number);
                    } else {
                        context.problems().add(e.path(),
                                "bad value '" + number + "' (expected 2 to 15 digits, such as 112)");
                    }
                });
            }
            emergency = List.copyOf(numbers);
        }
        Site s = new Site(n.required("name"), n.string("office-phone", ""), emergency);
        n.rejectUnknownKeys();
        return s;
    }

    private RedisSettings redis(Node n) {
        String url = n.string("url", "redis://127.0.0.1:6379/0");
        if (!url.startsWith("redis://") && !url.startsWith("rediss://") && !url.startsWith("redis-sentinel://")) {
            n.error("url", "bad value '" + url + "' (expected redis://host:port/db, rediss:// or redis-sentinel://)");
        }
        RedisSettings r = new RedisSettings(url, n.duration("connect-timeout", Duration.ofSeconds(5)),
                n.duration("command-timeout", Duration.ofSeconds(2)));
        n.rejectUnknownKeys();
        return r;
    }

    private Map<String, Prompt> prompts(Node n) {
        Path dir = baseDir.resolve(n.string("directory", ".")).normalize();
        Duration defaultMax = n.duration("default-max-length", Duration.ofSeconds(30));
        Map<String, Prompt> out = new LinkedHashMap<>();
        n.node("files").ifPresent(files -> {
            for (String id : files.keys()) {
                Object raw = files.raw(id);
                Optional<String> file;
                Duration max = defaultMax;
                String filePath = files.path(id);
                if (raw instanceof Map) {
                    Node p = files.node(id).orElseThrow();
                    file = Optional.of(p.required("file"));
                    max = p.duration("max-length", defaultMax);
                    filePath = p.path("file");
                    p.rejectUnknownKeys();
                } else {
                    file = files.string(id);
                }
                if (file.isEmpty() || file.get().isBlank()) {
                    continue;
                }
                Path resolved = dir.resolve(file.get()).normalize();
                String at = filePath;
                promptCheck.check(resolved, max).ifPresent(msg -> context.problems().add(at, msg));
                out.put(id, new Prompt(id, resolved, max));
            }
            files.rejectUnknownKeys();
        });
        n.rejectUnknownKeys();
        return Collections.unmodifiableMap(out);
    }

    /** The lines; none may take an emergency number as its extension, which must always reach the trunk. */
    private List<Line> lines(Node root, List<String> emergencyNumbers) {
        List<Line> out = new ArrayList<>();
        Map<String, String> firstAt = new HashMap<>();
        for (Node.Element e : root.list("lines")) {
            e.node(context).ifPresent(n -> {
                String ext = n.required("extension");
                if (!ext.isEmpty() && !EXTENSION.matcher(ext).matches()) {
                    n.error("extension", "bad value '" + ext + "' (expected 2 to 6 digits)");
                } else if (emergencyNumbers.contains(ext)) {
                    n.error("extension", "extension '" + ext + "' is an emergency number (site.emergency-numbers):"
                            + " calls to it always go out through the trunk");
                } else if (!ext.isEmpty() && firstAt.containsKey(ext)) {
                    n.error("extension", "duplicate extension '" + ext + "' (first defined at " + firstAt.get(ext) + ")");
                } else {
                    firstAt.put(ext, e.path());
                }
                String password = n.required("password");
                if (!password.isEmpty() && password.length() < MIN_SIP_PASSWORD) {
                    n.error("password", "too short: a SIP password needs at least " + MIN_SIP_PASSWORD + " characters");
                }
                Set<Role> roles = roles(n, Role.OPERATOR);
                Line line = new Line(ext, n.string("name", ext), new Secret(password), n.string("department"),
                        roles, n.bool("dial-out", false));
                n.rejectUnknownKeys();
                out.add(line);
            });
        }
        return List.copyOf(out);
    }

    private Set<Role> roles(Node n, Role fallback) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Node.Element e : n.list("roles")) {
            e.string(context).flatMap(t -> Node.enumOf(e.path(), t, Role.class, context.problems()))
                    .ifPresent(roles::add);
        }
        if (roles.isEmpty() && fallback != null) {
            roles.add(fallback);
        }
        return Collections.unmodifiableSet(roles);
    }

    private Map<String, Department> departments(Node root, List<Line> lines, TargetResolver targets) {
        Map<String, Department> out = new LinkedHashMap<>();
        Set<String> extensions = new LinkedHashSet<>();
        lines.forEach(l -> extensions.add(l.extension()));
        root.named("departments").forEach((id, n) -> {
            List<String> members = new ArrayList<>();
            for (Node.Element e : n.list("members")) {
                e.string(context).ifPresent(m -> {
                    if (!extensions.contains(m)) {
                        context.problems().add(e.path(), "unknown line '" + m + "'");
                    } else if (!members.contains(m)) {
                        members.add(m);
                    }
                });
            }
            lines.stream().filter(l -> l.department().filter(id::equals).isPresent())
                    .map(Line::extension).filter(x -> !members.contains(x)).forEach(members::add);
            Optional<Target> fallback = n.string("fallback")
                    .flatMap(t -> targets.resolve(n.path("fallback"), t, context.problems()));
            if (members.isEmpty() && !n.has("fallback")) {
                n.error("members", "department '" + id + "' has no lines and no fallback");
            }
            Department d = new Department(id, n.string("name", id), List.copyOf(members),
                    n.enumValue("strategy", Department.RingStrategy.class, Department.RingStrategy.RING_ALL),
                    n.duration("ring-timeout", Duration.ofSeconds(20)), fallback);
            n.rejectUnknownKeys();
            out.put(id, d);
        });
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            int index = i;
            l.department().filter(d -> !out.containsKey(d)).ifPresent(d ->
                    context.problems().add("lines[" + index + "].department", "unknown department '" + d + "'"));
        }
        return Collections.unmodifiableMap(out);
    }

    private Map<String, CallQueue> queues(Node root, TargetResolver targets, Set<String> prompts, Set<String> departments) {
        Map<String, CallQueue> out = new LinkedHashMap<>();
        root.named("queues").forEach((id, n) -> {
            String department = n.required("department");
            if (!department.isEmpty() && !departments.contains(department)) {
                n.error("department", "unknown department '" + department + "'");
            }
            Optional<String> music = n.string("hold-music");
            music.filter(m -> !prompts.contains(m)).ifPresent(m -> n.error("hold-music", "unknown prompt '" + m + "'"));
            Optional<Character> callbackKey = n.string("callback-key").flatMap(k -> {
                if (k.length() != 1 || "0123456789*#".indexOf(k.charAt(0)) < 0) {
                    n.error("callback-key", "bad value '" + k + "' (expected one DTMF digit)");
                    return Optional.empty();
                }
                return Optional.of(k.charAt(0));
            });
            Target fallback = n.string("fallback")
                    .flatMap(t -> targets.resolve(n.path("fallback"), t, context.problems())).orElse(null);
            if (!n.has("fallback")) {
                n.error("fallback", "is required (where callers go when max-wait is over)");
            }
            CallQueue q = new CallQueue(id, n.string("name", id), department, music,
                    n.duration("announce-every", Duration.ofSeconds(30)), n.duration("max-wait", Duration.ofMinutes(5)),
                    fallback, callbackKey, n.duration("callback-expiry", Duration.ofHours(4)));
            n.rejectUnknownKeys();
            out.put(id, q);
        });
        return Collections.unmodifiableMap(out);
    }

    private Map<String, Trunk> trunks(Node root) {
        Map<String, Trunk> out = new LinkedHashMap<>();
        root.named("trunks").forEach((id, n) -> {
            Trunk.Mode mode = n.enumValue("mode", Trunk.Mode.class, Trunk.Mode.STATIC);
            String host = n.required("host");
            List<String> addresses = n.strings("addresses");
            Optional<Trunk.Registration> registration = n.node("register").map(r -> {
                Trunk.Registration v = new Trunk.Registration(r.required("username"), new Secret(r.required("password")),
                        r.duration("expiry", Duration.ofSeconds(300)));
                r.rejectUnknownKeys();
                return v;
            });
            if (mode == Trunk.Mode.REGISTER && registration.isEmpty()) {
                n.error("register", "is required when mode is register");
            }
            Trunk t = new Trunk(id, mode, host, n.integer("port", 5060, 1, 65535),
                    n.enumValue("transport", Network.Transport.class, Network.Transport.UDP),
                    addresses.isEmpty() && !host.isEmpty() ? List.of(host) : List.copyOf(addresses),
                    registration, n.string("caller-id", ""));
            n.rejectUnknownKeys();
            out.put(id, t);
        });
        return Collections.unmodifiableMap(out);
    }

    private Map<String, DialledNumber> numbers(Node root, Ivr ivr, Map<String, Trunk> trunks) {
        Map<String, DialledNumber> out = new LinkedHashMap<>();
        root.named("numbers").forEach((number, n) -> {
            String flow = n.required("flow");
            if (ivr != null && !flow.isEmpty() && !ivr.flows().containsKey(flow)) {
                n.error("flow", "unknown flow '" + flow + "'");
            }
            String trunk = n.string("trunk", "");
            if (!trunk.isEmpty() && !trunks.containsKey(trunk)) {
                n.error("trunk", "unknown trunk '" + trunk + "'");
            }
            out.put(number, new DialledNumber(number, n.string("name", number), flow, trunk));
            n.rejectUnknownKeys();
        });
        if (out.isEmpty()) {
            root.error("numbers", "at least one dialled number is required");
        }
        return Collections.unmodifiableMap(out);
    }

    private Recording recording(Node n) {
        Recording r = new Recording(n.bool("enabled", true),
                baseDir.resolve(n.string("directory", "recordings")).normalize(),
                n.enumValue("format", Recording.Format.class, Recording.Format.MP3),
                n.duration("retention", Duration.ofDays(365)), n.bool("include-ivr", false),
                n.integer("conversion-workers", 2, 1, 64));
        n.rejectUnknownKeys();
        return r;
    }

    private List<ConsoleUser> users(Node root, Set<String> extensions) {
        List<ConsoleUser> out = new ArrayList<>();
        Map<String, String> firstAt = new HashMap<>();
        for (Node.Element e : root.list("users")) {
            e.node(context).ifPresent(n -> {
                String login = n.required("login");
                if (!login.isEmpty() && firstAt.putIfAbsent(login, e.path()) != null) {
                    n.error("login", "duplicate login '" + login + "' (first defined at " + firstAt.get(login) + ")");
                }
                String hash = n.required("password-hash");
                if (!hash.isEmpty() && !PASSWORD_HASH.matcher(hash).matches()) {
                    n.error("password-hash", "not a bcrypt ($2y$...) or argon2 ($argon2id$...) hash;"
                            + " make one with: scripts/hash-password");
                }
                Optional<String> line = n.string("line");
                line.filter(l -> !extensions.contains(l)).ifPresent(l -> n.error("line", "unknown line '" + l + "'"));
                Set<Role> roles = roles(n, null);
                if (roles.isEmpty()) {
                    n.error("roles", "at least one role is required (operator, supervisor, admin)");
                }
                out.add(new ConsoleUser(login, n.string("name", login), roles, hash, line));
                n.rejectUnknownKeys();
            });
        }
        return List.copyOf(out);
    }

    /** The keys of the mapping at {@code path} of the raw document, for resolving names before binding. */
    @SuppressWarnings("unchecked")
    private static Set<String> keys(Object root, String... path) {
        Object v = root;
        for (String p : path) {
            if (!(v instanceof Map)) {
                return Set.of();
            }
            v = ((Map<Object, Object>) v).get(p);
        }
        if (!(v instanceof Map)) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        ((Map<Object, Object>) v).keySet().forEach(k -> out.add(String.valueOf(k)));
        return out;
    }
}
