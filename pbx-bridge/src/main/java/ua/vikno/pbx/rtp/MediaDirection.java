package ua.vikno.pbx.rtp;

import java.util.Optional;

/** The SDP direction attributes (RFC 4566 section 6, RFC 3264 section 6.1); hold is sendonly or inactive. */
public enum MediaDirection {
    /** Both ways; the default when no attribute is given. */
    SENDRECV,
    /** The describing side only sends (it holds the other side). */
    SENDONLY,
    /** The describing side only receives. */
    RECVONLY,
    /** No media either way. */
    INACTIVE;

    /** The attribute name, such as {@code sendrecv}. */
    public String attribute() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The direction an answerer that can send and receive gives for this offered one (RFC 3264 section 6.1). */
    public MediaDirection answer() {
        return switch (this) {
            case SENDRECV -> SENDRECV;
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            case INACTIVE -> INACTIVE;
        };
    }

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    public static Optional<MediaDirection> ofAttribute(String attribute) {
        for (MediaDirection d : values()) {
            if (d.attribute().equals(attribute)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
