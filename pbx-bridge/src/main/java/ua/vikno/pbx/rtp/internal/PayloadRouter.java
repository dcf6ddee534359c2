package ua.vikno.pbx.rtp.internal;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import ua.vikno.pbx.rtp.DtmfReceiver;
import ua.vikno.pbx.rtp.MediaFormat;
import ua.vikno.pbx.rtp.ReceptionStatistics;
import ua.vikno.pbx.rtp.RtpPacket;

/**
 * Last receive stage: routes by payload type. Audio is counted with its timing and decoded to PCM while
 * the audio listener wants it; RFC 4733
 * events are counted without timing (they reuse the event's start timestamp) and go to the DTMF receiver;
 * other payload types are counted and dropped. Every accepted packet counts as activity and goes, as it is, to
 * the packet listener, and its datagram to the relay of a bridge (which may rewrite it: the decoded packet has
 * its own copy of the payload).
 */
public final class PayloadRouter implements Consumer<ReceivedRtp> {
    private final Counters counters;
    private final Supplier<MediaFormat> format;
    private final ReceptionStatistics statistics;
    private final DtmfReceiver dtmf;
    private final Consumer<short[]> audio;
    private final BooleanSupplier audioWanted;
    private final InactivityWatch watch;
    private final Consumer<RtpPacket> packets;
    private final Consumer<byte[]> relay;

    public PayloadRouter(Counters counters, Supplier<MediaFormat> format, ReceptionStatistics statistics,
                         DtmfReceiver dtmf, Consumer<short[]> audio, BooleanSupplier audioWanted, InactivityWatch watch, Consumer<RtpPacket> packets,
                         Consumer<byte[]> relay) {
        this.counters = counters;
        this.format = format;
        this.statistics = statistics;
        this.dtmf = dtmf;
        this.audio = audio;
        this.audioWanted = audioWanted;
        this.watch = watch;
        this.packets = packets;
        this.relay = relay;
    }

    @Override
    public void accept(ReceivedRtp rtp) {
        RtpPacket packet = rtp.packet();
        MediaFormat current = format.get();
        boolean isAudio = packet.payloadType() == current.payloadType();
        boolean isEvent = current.telephoneEvent().orElse(-1) == packet.payloadType();
        if (!isAudio && !isEvent) {
            counters.unexpectedPayload++;
            return;
        }
        counters.received++;
        watch.onActivity(rtp.arrivalNanos());
        packets.accept(packet);
        relay.accept(rtp.datagram());
        if (isAudio) {
            statistics.onPacket(packet.sequenceNumber(), packet.timestamp(), rtp.arrivalNanos());
            dtmf.onAudio(packet.ssrc(), packet.timestamp());
            if (audioWanted.getAsBoolean()) {
                audio.accept(current.codec().decode(packet.payload()));
            }
        } else {
            statistics.onUntimedPacket(packet.sequenceNumber());
            dtmf.onPacket(packet);
        }
    }
}
