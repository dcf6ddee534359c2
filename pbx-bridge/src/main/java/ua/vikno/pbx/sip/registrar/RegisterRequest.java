package ua.vikno.pbx.sip.registrar;

import java.util.List;
import java.util.Optional;

import ua.vikno.pbx.sip.auth.DigestCredentials;

/**
 * A REGISTER request reduced to what a registrar needs (RFC 3261 section 10.2).
 *
 * @param requestUriHost the host of the Request-URI, naming the domain (section 10.3 step 1)
 * @param toUser         the user part of the To URI: the line being registered
 * @param contacts       the Contact values; empty for a query of the current bindings
 * @param wildcard       true for {@code Contact: *}
 * @param expires        the Expires header in seconds, if present
 * @param source         where the request came from, as {@code transport:address:port}
 * @param sourceAddress  the IP address alone, the unit of brute-force protection
 */
public record RegisterRequest(String requestUriHost, String toUser, List<ContactRequest> contacts, boolean wildcard,
                              Optional<Long> expires, String callId, long cseq,
                              Optional<DigestCredentials> credentials, String source, String sourceAddress) {
}
