package ua.vikno.pbx.rtp;

/**
 * Packet counts of one RTP session, including what it dropped and why.
 *
 * @param sent              RTP packets sent
 * @param received          RTP packets accepted (after latching)
 * @param rtcp              RTCP datagrams seen and let pass
 * @param stun              STUN messages dropped
 * @param unknown           datagrams that are neither RTP, RTCP nor STUN
 * @param malformed         datagrams that looked like RTP but did not decode
 * @param foreignSource     valid RTP from an address other than the latched one
 * @param unexpectedPayload RTP with a payload type that was not negotiated
 */
public record RtpCounters(long sent, long received, long rtcp, long stun, long unknown, long malformed,
                          long foreignSource, long unexpectedPayload) {
}
