package ua.vikno.pbx.sip.call;

import java.util.Locale;

import ua.vikno.config.Network;
import ua.vikno.config.Trunk;

/** Where a request for a provider goes: its host and port, with the transport parameter (RFC 3261 section 19.1.1). */
final class TrunkTarget {
    private TrunkTarget() {
    }

    /** The Request-URI of a call to {@code number} through {@code trunk}. */
    static String uri(String number, Trunk trunk) {
        return "sip:" + number + "@" + hostPort(trunk) + transportParam(trunk);
    }

    static String hostPort(Trunk trunk) {
        return trunk.host() + ":" + trunk.port();
    }

    static String transportParam(Trunk trunk) {
        return trunk.transport() == Network.Transport.UDP ? ""
                : ";transport=" + trunk.transport().name().toLowerCase(Locale.ROOT);
    }
}
