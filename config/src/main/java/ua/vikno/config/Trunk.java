package ua.vikno.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A SIP trunk to a provider: calls are accepted from its addresses ({@link Mode#STATIC}) or over a
 * registration Vikno keeps with the provider ({@link Mode#REGISTER}).
 */
public record Trunk(String id, Mode mode, String host, int port, Network.Transport transport,
                    List<String> addresses, Optional<Registration> registration, String callerId) {

    /** How the provider knows us. */
    public enum Mode { STATIC, REGISTER }

    /** The digest credentials and interval of an outbound registration (RFC 3261 section 10.2). */
    public record Registration(String username, Secret password, Duration expiry) {
    }
}
