package ua.vikno.pbx.rtp;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Decodes DTMF carried in SIP INFO bodies, for softphones in INFO mode that offer no telephone-event:
 * {@code application/dtmf-relay} ("Signal=5\r\nDuration=160", duration in milliseconds) and
 * {@code application/dtmf} (the digit alone). A signal may be a keypad symbol or an RFC 4733 event code 0-15.
 */
public final class SipInfoDtmf {
    public static final String DTMF_RELAY = "application/dtmf-relay";
    public static final String DTMF = "application/dtmf";

    /** Whether a SIP INFO with this Content-Type (parameters allowed) carries DTMF. */
    public boolean accepts(String contentType) {
        String type = mediaType(contentType);
        return type.equals(DTMF_RELAY) || type.equals(DTMF);
    }

    public Outcome<DtmfEvent> decode(String contentType, String body) {
        String type = mediaType(contentType);
        String signal = null;
        Duration duration = Duration.ZERO;
        if (type.equals(DTMF)) {
            signal = body.strip();
        } else if (type.equals(DTMF_RELAY)) {
            for (String line : body.split("\r?\n")) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = line.substring(eq + 1).strip();
                if (key.equals("signal")) {
                    signal = value;
                } else if (key.equals("duration") && value.matches("\\d{1,6}")) {
                    duration = Duration.ofMillis(Long.parseLong(value));
                }
            }
        }
        Optional<DtmfDigit> digit = signal == null ? Optional.empty() : digitOf(signal);
        if (digit.isEmpty()) {
            return Outcome.failed(new MediaFailure.MalformedDtmf(contentType, body));
        }
        return Outcome.ok(new DtmfEvent(digit.get(), duration, DtmfEvent.Source.SIP_INFO));
    }

    private static Optional<DtmfDigit> digitOf(String signal) {
        if (signal.length() == 1) {
            return DtmfDigit.ofSymbol(signal.charAt(0));
        }
        if (signal.matches("1[0-5]")) {
            return DtmfDigit.ofEventCode(Integer.parseInt(signal));
        }
        return Optional.empty();
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
