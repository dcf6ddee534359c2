package ua.vikno.pbx.rtp.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import ua.vikno.pbx.rtp.DtmfEvent;
import ua.vikno.pbx.rtp.DtmfReceiver;
import ua.vikno.pbx.rtp.G711;
import ua.vikno.pbx.rtp.MediaFormat;
import ua.vikno.pbx.rtp.ReceptionReport;
import ua.vikno.pbx.rtp.ReceptionStatistics;
import ua.vikno.pbx.rtp.RtpPeer;
import ua.vikno.pbx.rtp.Ticker;

/**
 * The receive path of a session, assembled in one place: demultiplex, read the RTP header, latch, route (to
 * reception statistics, the DTMF receiver, the audio listener while it wants samples, and a bridge's relay), with
 * the inactivity watch fed by every accepted packet. Only the header is read for every packet; the payload is
 * decoded for a telephone-event or a listener that wants audio. Runs on the session's context.
 */
public final class ReceiveChain implements Consumer<ReceivedDatagram> {
    private final ReceptionStatistics statistics = new ReceptionStatistics(G711.CLOCK_RATE);
    private final SymmetricLatch latch;
    private final InactivityWatch watch;
    private final Consumer<ReceivedDatagram> first;
    private final Consumer<ReceivedDatagram> rtcpPort;
    private volatile MediaFormat format = MediaFormat.of(G711.PCMU);
    private volatile Consumer<DtmfEvent> digits = digit -> { };
    private volatile Consumer<short[]> audio = pcm -> { };
    private volatile BooleanSupplier audioWanted = () -> false;
    private volatile Consumer<byte[]> relay = datagram -> { };

    public ReceiveChain(Counters counters, Ticker ticker, Duration timeout, Runnable onInactive,
                        Consumer<RtpPeer> onLatched) {
        this.watch = new InactivityWatch(ticker, timeout, onInactive);
        DtmfReceiver dtmf = new DtmfReceiver(G711.CLOCK_RATE, digit -> digits.accept(digit));
        PayloadRouter route = new PayloadRouter(counters, () -> format, statistics, dtmf, pcm -> audio.accept(pcm),
                () -> audioWanted.getAsBoolean(), watch, datagram -> relay.accept(datagram));
        this.latch = new SymmetricLatch(counters, route, onLatched);
        this.first = new Demultiplexer(counters, new RtpHeaderStage(counters, latch));
        this.rtcpPort = new Demultiplexer(counters, rtp -> counters.unknown++);
    }

    @Override
    public void accept(ReceivedDatagram datagram) {
        first.accept(datagram);
    }

    /** What arrives on the RTCP port: RTCP is counted and let pass, anything else dropped. */
    public void acceptOnRtcpPort(ReceivedDatagram datagram) {
        rtcpPort.accept(datagram);
    }

    public void format(MediaFormat format) {
        this.format = format;
    }

    public MediaFormat format() {
        return format;
    }

    public void onDigit(Consumer<DtmfEvent> listener) {
        this.digits = listener;
    }

    public void onAudio(Consumer<short[]> listener) {
        onAudio(listener, () -> true);
    }

    /** Decodes audio for {@code listener} only while {@code wanted} says so. */
    public void onAudio(Consumer<short[]> listener, BooleanSupplier wanted) {
        this.audio = listener;
        this.audioWanted = wanted;
    }

    /** Receives the datagram of every accepted packet, to rewrite and relay (it is the listener's to keep). */
    public void onDatagram(Consumer<byte[]> listener) {
        this.relay = listener;
    }

    public InactivityWatch watch() {
        return watch;
    }

    public Optional<RtpPeer> latched() {
        return latch.latched();
    }

    public ReceptionReport report() {
        return statistics.report();
    }
}
