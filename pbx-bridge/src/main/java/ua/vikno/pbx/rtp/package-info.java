/**
 * Media of the embedded engine: RTP over Netty datagram channels on the Vert.x event loop, G.711, RFC 4733 DTMF, SDP offer/answer and
 * paced prompt playback.
 *
 * <p>The API at this root: wire formats as records with one decoder and one encoder each ({@link
 * ua.vikno.pbx.rtp.RtpPacket}, {@link ua.vikno.pbx.rtp.TelephoneEvent}, {@link ua.vikno.pbx.rtp.RtcpPacket}
 * header, {@link ua.vikno.pbx.rtp.SdpParser} and {@link ua.vikno.pbx.rtp.SdpAnswer}); the G.711 laws and their
 * transcoder; {@link ua.vikno.pbx.rtp.DtmfReceiver} and {@link ua.vikno.pbx.rtp.SipInfoDtmf}; RFC 3550
 * {@link ua.vikno.pbx.rtp.ReceptionStatistics}; the {@link ua.vikno.pbx.rtp.RtpPortPool}; {@link
 * ua.vikno.pbx.rtp.WavPrompt}; the one shared {@link ua.vikno.pbx.rtp.MediaClock}; {@link
 * ua.vikno.pbx.rtp.RtpSession}, which ties them together for one call leg; and the {@link
 * ua.vikno.pbx.rtp.RtpTranslator} with which a bridge of the call model relays two legs packet by packet. Decoders never throw:
 * they return an {@link ua.vikno.pbx.rtp.Outcome} whose failure is a named {@link ua.vikno.pbx.rtp.MediaFailure}.
 *
 * <p>{@code internal} holds the stages of a session's media path, each one small and named after its job:
 * receive ({@code DatagramReceiver}, {@code Demultiplexer}, {@code RtpHeaderStage}, {@code SymmetricLatch}, {@code PayloadRouter},
 * assembled in {@code ReceiveChain}) and send ({@code Player}, {@code Playback}, {@code RtpSender},
 * {@code Transmitter}), plus the socket lifecycle ({@code PortBinding}) and the {@code InactivityWatch}. A bridge
 * relays the received datagram itself, rewritten in place by {@code RtpTranslator.translateInPlace}: the receive
 * path reads each packet's header where it lies (for latching, statistics, routing, DTMF and the inactivity watch),
 * copies no payload, decodes samples only for a listener that wants audio, and never encodes a packet again.
 * Nothing here knows SIP.
 */
package ua.vikno.pbx.rtp;
