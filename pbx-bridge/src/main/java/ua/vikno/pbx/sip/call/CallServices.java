package ua.vikno.pbx.sip.call;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import ua.vikno.config.Line;
import ua.vikno.config.Trunk;
import ua.vikno.pbx.Party;
import ua.vikno.pbx.sip.internal.Responder;
import ua.vikno.pbx.sip.registrar.LocationService;

/**
 * What every call of the engine shares: signalling, the registry, media, the location service, lines, trunks,
 * time and where transfers to targets other than lines go.
 */
record CallServices(String domain, SipOutbound out, Responder responder, CallRegistry registry, CallMedia media,
                    LocationService locations, Map<String, Line> lines, Map<String, Trunk> trunks,
                    java.time.Duration sessionExpires, Clock clock, TransferTargets transfers) {

    Optional<Trunk> trunk(String id) {
        return Optional.ofNullable(trunks.get(id));
    }

    Optional<Line> line(String extension) {
        return Optional.ofNullable(lines.get(extension));
    }

    Party party(String extension) {
        return line(extension).map(l -> Party.line(l.extension(), l.name()))
                .orElseGet(() -> Party.line(extension, null));
    }

    /** The address-of-record of a line in the location service (RFC 3261 section 10). */
    String aor(String extension) {
        return "sip:" + extension + "@" + domain;
    }
}
