package ua.vikno.pbx.rtp;

import java.util.OptionalInt;

/**
 * What a session sends and expects, as agreed in SDP.
 *
 * @param codec          the G.711 law of the audio
 * @param payloadType    the audio payload type
 * @param telephoneEvent the RFC 4733 telephone-event payload type, if negotiated
 */
public record MediaFormat(G711 codec, int payloadType, OptionalInt telephoneEvent) {

    /** The static payload type of {@code codec} and no telephone-event. */
    public static MediaFormat of(G711 codec) {
        return new MediaFormat(codec, codec.payloadType(), OptionalInt.empty());
    }

    public MediaFormat withTelephoneEvent(int payloadType) {
        return new MediaFormat(codec, this.payloadType, OptionalInt.of(payloadType));
    }
}
