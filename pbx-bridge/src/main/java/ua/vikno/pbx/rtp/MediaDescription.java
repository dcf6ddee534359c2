package ua.vikno.pbx.rtp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code m=} section of an SDP body (RFC 4566 section 5.14) with the attributes this engine acts on.
 *
 * @param media      {@code audio}, {@code video}, ...
 * @param port       the transport port; 0 means the stream is disabled (RFC 3264 section 5.1)
 * @param protocol   such as {@code RTP/AVP}
 * @param formats    the format list in the offerer's order of preference
 * @param connection the connection address that applies (media level, else session level)
 * @param rtpmaps    {@code a=rtpmap} entries by payload type
 * @param ptime      {@code a=ptime} in milliseconds, if given
 * @param direction  the direction attribute, media level over session level, SENDRECV by default
 */
public record MediaDescription(String media, int port, String protocol, List<String> formats, String connection,
                               Map<Integer, RtpMap> rtpmaps, OptionalInt ptime, MediaDirection direction) {

    public MediaDescription {
        formats = List.copyOf(formats);
        rtpmaps = Map.copyOf(rtpmaps);
    }

    /** The mapping of a payload type from {@code a=rtpmap}, else from the static table of RFC 3551. */
    public Optional<RtpMap> rtpmap(int payloadType) {
        RtpMap explicit = rtpmaps.get(payloadType);
        return explicit != null ? Optional.of(explicit) : RtpMap.ofStatic(payloadType);
    }

    /** The RTP payload types of the format list, skipping any that are not numbers. */
    public List<Integer> payloadTypes() {
        return formats.stream().filter(f -> f.matches("\\d{1,3}")).map(Integer::valueOf).toList();
    }

    /** Whether this is an RTP audio stream with a non-zero port over plain RTP/AVP or RTP/AVPF. */
    public boolean isActiveRtpAudio() {
        return media.equals("audio") && port != 0 && (protocol.equals("RTP/AVP") || protocol.equals("RTP/AVPF"));
    }

    /** RFC 2543 hold: a connection address of 0.0.0.0 (RFC 3264 section 8.4). */
    public boolean isNullConnection() {
        return connection.equals("0.0.0.0");
    }
}
