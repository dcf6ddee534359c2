package ua.vikno.config;

import java.util.List;

/**
 * Who runs this contact centre: its name, the office phone quoted in SMS texts, and the emergency numbers every
 * line may always call.
 *
 * @param emergencyNumbers numbers a call from any line to goes out through the trunk whatever the line's
 *                         {@link Line#dialOut}; no line may have one as its extension (default
 *                         {@link #DEFAULT_EMERGENCY_NUMBERS})
 */
public record Site(String name, String officePhone, List<String> emergencyNumbers) {
    /** Ukraine's fire (101), police (102), ambulance (103), gas (104) and the common 112. */
    public static final List<String> DEFAULT_EMERGENCY_NUMBERS = List.of("101", "102", "103", "104", "112");

    public Site {
        emergencyNumbers = List.copyOf(emergencyNumbers);
    }
}
