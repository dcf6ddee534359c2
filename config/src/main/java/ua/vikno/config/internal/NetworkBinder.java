package ua.vikno.config.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import ua.vikno.config.Network;

/** Binds {@code network}: SIP listener and registrar settings, the RTP port range, HTTP. */
final class NetworkBinder {
    private NetworkBinder() {
    }

    static Network bind(Node n) {
        Network.Sip sip = n.node("sip").map(s -> {
            Set<Network.Transport> transports = EnumSet.noneOf(Network.Transport.class);
            for (Node.Element e : s.list("transports")) {
                e.string(s.context()).flatMap(t -> Node.enumOf(e.path(), t, Network.Transport.class, s.context().problems()))
                        .ifPresent(transports::add);
            }
            if (transports.isEmpty() && !s.has("transports")) {
                transports.addAll(EnumSet.allOf(Network.Transport.class));
            }
            Network.Sip v = new Network.Sip(s.string("bind", "127.0.0.1"), s.integer("port", 5060, 1, 65535),
                    Collections.unmodifiableSet(transports), s.string("domain", "vikno.local"),
                    s.duration("registration-max-expiry", Duration.ofHours(1)),
                    s.duration("nonce-lifetime", Duration.ofMinutes(5)),
                    s.integer("max-auth-failures", 5, 1, 1000),
                    s.duration("auth-failure-window", Duration.ofMinutes(1)),
                    s.duration("lockout", Duration.ofMinutes(10)),
                    s.duration("session-expires", Duration.ofMinutes(30)));
            s.rejectUnknownKeys();
            return v;
        }).orElseGet(() -> new Network.Sip("127.0.0.1", 5060, EnumSet.allOf(Network.Transport.class), "vikno.local",
                Duration.ofHours(1), Duration.ofMinutes(5), 5, Duration.ofMinutes(1), Duration.ofMinutes(10),
                Duration.ofMinutes(30)));
        Network.Rtp rtp = n.node("rtp").map(r -> {
            int min = r.integer("port-min", 10000, 1024, 65534);
            int max = r.integer("port-max", 20000, 1025, 65535);
            if (min % 2 != 0) {
                r.error("port-min", "must be even (RTP uses even ports, RTCP the odd port above)");
            }
            if (max - min < 3) {
                r.error("port-max", "must be at least 4 above port-min (" + min + ")");
            }
            Network.Rtp v = new Network.Rtp(r.string("bind", "127.0.0.1"), min, max,
                    r.duration("inactivity-timeout", Duration.ofSeconds(30)));
            r.rejectUnknownKeys();
            return v;
        }).orElseGet(() -> new Network.Rtp("127.0.0.1", 10000, 20000, Duration.ofSeconds(30)));
        Network.Http http = n.node("http").map(h -> {
            Network.Http v = new Network.Http(h.string("bind", "127.0.0.1"), h.integer("port", 8080, 0, 65535));
            h.rejectUnknownKeys();
            return v;
        }).orElseGet(() -> new Network.Http("127.0.0.1", 8080));
        n.rejectUnknownKeys();
        return new Network(sip, rtp, http);
    }

    /** Ports that cannot work together: HTTP on the SIP TCP port, SIP inside the RTP range. */
    static void checkPorts(Network network, Problems problems) {
        if (network.sip().port() == network.http().port()
                && network.sip().transports().contains(Network.Transport.TCP)) {
            problems.add("network.http.port", "port " + network.http().port()
                    + " is already used by SIP over TCP (network.sip.port)");
        }
        int sip = network.sip().port();
        if (sip >= network.rtp().portMin() && sip <= network.rtp().portMax()) {
            problems.add("network.sip.port", "port " + sip + " lies inside the RTP range "
                    + network.rtp().portMin() + "-" + network.rtp().portMax());
        }
    }
}
