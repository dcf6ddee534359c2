package ua.vikno.pbx.rtp;

import java.util.List;

/** An SDP session description (RFC 4566 section 5): its origin line and its media sections. */
public record SessionDescription(String origin, List<MediaDescription> media) {
    public SessionDescription {
        media = List.copyOf(media);
    }
}
