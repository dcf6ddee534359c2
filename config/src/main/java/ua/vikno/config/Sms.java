package ua.vikno.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SMS over SMPP: the SMSC account, sending limits, which numbers get SMS, the Ukrainian templates,
 * and the development SMSC simulator.
 *
 * @param tps          submits per second; 0 means no limit
 * @param maxAttempts  attempts before a message goes to the dead-letter list
 */
public record Sms(boolean enabled, Smpp smpp, String sourceAddress, int tps, int maxAttempts,
                  List<Pattern> mobilePatterns, Map<Template, String> templates, Simulator simulator) {

    /** The SMSC connection (SMPP 3.4 transceiver bind). */
    public record Smpp(String host, int port, String systemId, Secret password, String systemType,
                       int window, Duration enquireLink, Duration reconnectMax) {
    }

    /** The development SMSC simulator that Vikno can run itself. */
    public record Simulator(boolean enabled, String bind, int port) {
    }

    /** The messages sent to residents; each template has placeholders such as {@code {number}}. */
    public enum Template {
        REGISTERED, ASSIGNED, IN_PROGRESS, RESOLVED, REJECTED, REOPENED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Placeholders a template may use. */
    public static final List<String> PLACEHOLDERS =
            List.of("number", "status", "department", "office_phone", "date", "site");

    public boolean isMobile(String number) {
        return mobilePatterns.stream().anyMatch(p -> p.matcher(number).matches());
    }
}
