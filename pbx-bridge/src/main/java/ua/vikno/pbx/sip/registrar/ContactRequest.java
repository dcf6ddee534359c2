package ua.vikno.pbx.sip.registrar;

import java.util.Optional;

/**
 * One Contact header value of a REGISTER (RFC 3261 section 10.2.1).
 *
 * @param expires the contact's own expires parameter in seconds, if it has one
 */
public record ContactRequest(String uri, Optional<Long> expires) {
}
