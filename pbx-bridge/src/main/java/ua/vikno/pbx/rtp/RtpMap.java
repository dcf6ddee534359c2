package ua.vikno.pbx.rtp;

import java.util.Optional;

/**
 * One {@code a=rtpmap} entry (RFC 4566 section 6): payload type, encoding name, clock rate and channels.
 * Static payload types may be offered without it (RFC 3551 section 6).
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, int channels) {
    public static final String TELEPHONE_EVENT = "telephone-event";

    /** The implied mapping of a static payload type we know, if any. */
    public static Optional<RtpMap> ofStatic(int payloadType) {
        return switch (payloadType) {
            case 0 -> Optional.of(new RtpMap(0, "PCMU", 8000, 1));
            case 3 -> Optional.of(new RtpMap(3, "GSM", 8000, 1));
            case 8 -> Optional.of(new RtpMap(8, "PCMA", 8000, 1));
            case 9 -> Optional.of(new RtpMap(9, "G722", 8000, 1));
            case 18 -> Optional.of(new RtpMap(18, "G729", 8000, 1));
            default -> Optional.empty();
        };
    }

    /** Whether this names the given encoding at the given rate, ignoring case (encoding names are case-insensitive). */
    public boolean is(String name, int rate) {
        return encodingName.equalsIgnoreCase(name) && clockRate == rate && channels == 1;
    }

    /** The G.711 law this maps to, if any. */
    public Optional<G711> g711() {
        for (G711 g : G711.values()) {
            if (is(g.encodingName(), G711.CLOCK_RATE)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** The attribute value, such as {@code 101 telephone-event/8000}. */
    public String attributeValue() {
        return payloadType + " " + encodingName + "/" + clockRate + (channels == 1 ? "" : "/" + channels);
    }

    /** As SDP writes it after the payload type, such as {@code opus/48000/2}. */
    @Override
    public String toString() {
        return encodingName + "/" + clockRate + (channels == 1 ? "" : "/" + channels);
    }
}
