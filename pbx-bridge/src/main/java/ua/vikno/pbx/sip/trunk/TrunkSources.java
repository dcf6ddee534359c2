package ua.vikno.pbx.sip.trunk;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.vertx.core.Context;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.config.Trunk;

/**
 * Which trunk a request came from, by its source address (RFC 3261 section 26.3.2.2 leaves it to the provider's
 * addresses when it does not authenticate): each of a trunk's {@code addresses} is an IP, an IP:port, or a host name
 * (with or without a port) resolved to its IPs on a worker at start and every {@link #REFRESH}; a register-mode
 * trunk is also known by the IP its registrar's 2xx came from. An IP:port entry wins over a plain IP. Matching is
 * safe from any thread; the table is swapped whole.
 */
public final class TrunkSources {
    private static final Logger LOG = LoggerFactory.getLogger(TrunkSources.class);
    /** How often host names are resolved again. */
    public static final Duration REFRESH = Duration.ofMinutes(5);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern HOST_PORT = Pattern.compile("(.+):(\\d{1,5})");

    /** Turns a host name into its IP addresses; blocking. */
    @FunctionalInterface
    public interface Resolver {
        /** The system's resolver (/etc/hosts, then DNS). */
        Resolver SYSTEM = host -> Arrays.stream(InetAddress.getAllByName(host)).map(InetAddress::getHostAddress)
                .toList();

        List<String> resolve(String host) throws UnknownHostException;
    }

    /** One configured address: a host (IP literal or name) and a port, or no port for any. */
    private record Entry(Trunk trunk, String host, Optional<Integer> port) {
        boolean literal() {
            return isIpLiteral(host);
        }
    }

    private final List<Entry> entries;
    private final Resolver resolver;
    /** Host name to the IPs it resolved to last; kept when a later resolution fails. */
    private final Map<String, List<String>> resolved = new ConcurrentHashMap<>();
    /** Trunk id to the IP its registrar's last 2xx came from. */
    private final Map<String, String> registrars = new ConcurrentHashMap<>();
    private final Map<String, Trunk> trunksById = new LinkedHashMap<>();
    private volatile Map<String, Trunk> table = Map.of();
    private Context context;
    private long timer = -1;

    public TrunkSources(List<Trunk> trunks, Resolver resolver) {
        this.resolver = resolver;
        this.entries = trunks.stream().flatMap(t -> t.addresses().stream().map(a -> entry(t, a))).toList();
        trunks.forEach(t -> trunksById.putIfAbsent(t.id(), t));
        rebuild();
    }

    /**
     * Resolves the host names now and every {@link #REFRESH} on a worker of {@code context}; IP entries match at
     * once.
     */
    public void start(Context context) {
        this.context = context;
        refresh();
        timer = context.owner().setPeriodic(REFRESH.toMillis(), t -> refresh());
    }

    public void stop() {
        if (timer >= 0 && context != null) {
            context.owner().cancelTimer(timer);
            timer = -1;
        }
    }

    /** The trunk whose addresses include {@code ip:port}, else {@code ip}. */
    public Optional<Trunk> match(String ip, int port) {
        Map<String, Trunk> t = table;
        Trunk found = t.get(key(ip) + ":" + port);
        return Optional.ofNullable(found != null ? found : t.get(key(ip)));
    }

    /** The registrar of {@code trunk} answered 2xx from {@code ip}: calls from that IP are the trunk's too. */
    void onRegistered(Trunk trunk, String ip) {
        if (!ip.equals(registrars.put(trunk.id(), ip))) {
            rebuild();
        }
    }

    /** Resolves every host name on a worker and swaps the table on the context. */
    Future<Void> refresh() {
        List<String> names = entries.stream().filter(e -> !e.literal()).map(Entry::host).distinct().toList();
        if (names.isEmpty()) {
            return Future.succeededFuture();
        }
        return context.executeBlocking(() -> resolveAll(names), false).map(r -> {
            r.forEach(resolved::put);
            rebuild();
            return null;
        });
    }

    /** Resolves now on the calling thread; for tests and workers only. */
    void refreshNow() {
        resolveAll(entries.stream().filter(e -> !e.literal()).map(Entry::host).distinct().toList())
                .forEach(resolved::put);
        rebuild();
    }

    private Map<String, List<String>> resolveAll(List<String> names) {
        Map<String, List<String>> out = new HashMap<>();
        for (String name : names) {
            try {
                List<String> ips = resolver.resolve(name);
                if (!ips.equals(resolved.get(name))) {
                    LOG.info("trunk host {} resolved to {}", name, ips);
                }
                out.put(name, ips);
            } catch (UnknownHostException | RuntimeException e) {
                LOG.warn("trunk host {} not resolved ({}); keeping {}", name, e.toString(),
                        resolved.getOrDefault(name, List.of()));
            }
        }
        return out;
    }

    private synchronized void rebuild() {
        Map<String, Trunk> next = new HashMap<>();
        for (Entry e : entries) {
            List<String> ips = e.literal() ? List.of(e.host()) : resolved.getOrDefault(e.host(), List.of());
            for (String ip : ips) {
                next.putIfAbsent(e.port().map(p -> key(ip) + ":" + p).orElse(key(ip)), e.trunk());
            }
        }
        registrars.forEach((id, ip) -> next.putIfAbsent(key(ip), trunksById.get(id)));
        table = Map.copyOf(next);
    }

    private static Entry entry(Trunk trunk, String address) {
        String a = address.strip();
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            String host = a.substring(1, close);
            String rest = a.substring(close + 1);
            return new Entry(trunk, host, rest.startsWith(":") ? Optional.of(Integer.parseInt(rest.substring(1)))
                    : Optional.empty());
        }
        var m = HOST_PORT.matcher(a);
        if (m.matches() && !m.group(1).contains(":")) {
            return new Entry(trunk, m.group(1), Optional.of(Integer.parseInt(m.group(2))));
        }
        return new Entry(trunk, a, Optional.empty());
    }

    static boolean isIpLiteral(String host) {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    /** IPv6 addresses compare in one form (the JDK's, as a source address arrives). */
    private static String key(String ip) {
        if (ip.contains(":")) {
            try {
                return InetAddress.getByName(ip).getHostAddress();
            } catch (UnknownHostException e) {
                return ip;
            }
        }
        return ip;
    }
}
