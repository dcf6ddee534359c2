package ua.vikno.pbx.rtp.internal;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import ua.vikno.pbx.rtp.DtmfReceiver;
import ua.vikno.pbx.rtp.MediaFormat;
import ua.vikno.pbx.rtp.ReceptionStatistics;
import ua.vikno.pbx.rtp.RtpHeader;

/**
 * Last receive stage: routes by payload type, from the header alone. Audio is counted with its timing, and its
 * payload is decoded to PCM only while the audio listener wants it (a tap, a mix, a recording): a plain relayed
 * call never copies or decodes a sample. RFC 4733 events are counted without timing (they reuse the event's start
 * timestamp) and their payload, read where it lies, goes to the DTMF receiver; other payload types are counted
 * and dropped. Every accepted packet counts as activity, and its datagram goes last to the relay of a bridge, which
 * may rewrite it in place.
 */
public final class PayloadRouter implements Consumer<ReceivedRtp> {
    private final Counters counters;
    private final Supplier<MediaFormat> format;
    private final ReceptionStatistics statistics;
    private final DtmfReceiver dtmf;
    private final Consumer<short[]> audio;
    private final BooleanSupplier audioWanted;
    private final InactivityWatch watch;
    private final Consumer<byte[]> relay;

    public PayloadRouter(Counters counters, Supplier<MediaFormat> format, ReceptionStatistics statistics,
                         DtmfReceiver dtmf, Consumer<short[]> audio, BooleanSupplier audioWanted,
                         InactivityWatch watch, Consumer<byte[]> relay) {
        this.counters = counters;
        this.format = format;
        this.statistics = statistics;
        this.dtmf = dtmf;
        this.audio = audio;
        this.audioWanted = audioWanted;
        this.watch = watch;
        this.relay = relay;
    }

    @Override
    public void accept(ReceivedRtp rtp) {
        RtpHeader header = rtp.header();
        byte[] datagram = rtp.datagram();
        MediaFormat current = format.get();
        boolean isAudio = header.payloadType() == current.payloadType();
        boolean isEvent = current.telephoneEvent().orElse(-1) == header.payloadType();
        if (!isAudio && !isEvent) {
            counters.unexpectedPayload++;
            return;
        }
        counters.received++;
        watch.onActivity(rtp.arrivalNanos());
        if (isAudio) {
            statistics.onPacket(header.sequenceNumber(), header.timestamp(), rtp.arrivalNanos());
            dtmf.onAudio(header.ssrc(), header.timestamp());
            if (audioWanted.getAsBoolean()) {
                audio.accept(current.codec().decode(datagram, header.payloadOffset(), header.payloadEnd()));
            }
        } else {
            statistics.onUntimedPacket(header.sequenceNumber());
            dtmf.onPayload(header.ssrc(), header.timestamp(), datagram, header.payloadOffset(),
                    header.payloadLength());
        }
        relay.accept(datagram);
    }
}
