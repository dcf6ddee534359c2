package ua.vikno.pbx;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The call detail record (CDR) published when a call ends.
 *
 * @param operator  the party the caller was bridged to last, if any
 * @param endedBy   which leg hung up, or empty when Vikno ended the call
 * @param notes     what the IVR, queue and recorder noted (see {@link CallNotes})
 */
public record CallRecord(String callId, Party caller, String dialled, Instant startedAt, Optional<Instant> answeredAt,
                         Optional<Instant> bridgedAt, Instant endedAt, Optional<Party> operator, HangupCause cause,
                         Optional<Leg> endedBy, Map<String, String> notes, List<RtpQuality> quality) {
}
