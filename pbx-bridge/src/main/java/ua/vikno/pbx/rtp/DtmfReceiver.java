package ua.vikno.pbx.rtp;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns a stream of RFC 4733 telephone-event packets into one {@link DtmfEvent} per key press.
 *
 * <p>All packets of one event carry the same RTP timestamp (RFC 4733 section 2.5.1.2) and the end packet is
 * retransmitted, usually three times (section 2.5.1.4): a digit is reported once, at its first end packet, with
 * the duration that packet gives. If every end packet is lost, the digit is reported when the next event starts
 * or when audio from the same source shows the event is over. Packets of an event older than the current one are
 * ignored. Not thread-safe: feed it from one context.
 */
public final class DtmfReceiver {
    /** How far past an event's last known end audio must be before the event counts as over: 100 ms at 8 kHz. */
    static final int LOST_END_MARGIN = 800;

    private final int clockRate;
    private final Consumer<DtmfEvent> listener;
    private boolean active;
    private boolean reported;
    private long ssrc;
    private long timestamp;
    private TelephoneEvent latest;

    /**
     * @param clockRate the telephone-event clock rate from SDP, normally 8000
     */
    public DtmfReceiver(int clockRate, Consumer<DtmfEvent> listener) {
        this.clockRate = clockRate;
        this.listener = listener;
    }

    /**
     * Feeds the payload, at {@code data[offset..offset+length)}, of one RTP packet whose payload type is the
     * negotiated telephone-event, with its packet's SSRC and RTP timestamp; a malformed payload is ignored.
     */
    public void onPayload(long packetSsrc, long packetTimestamp, byte[] data, int offset, int length) {
        Outcome<TelephoneEvent> decoded = TelephoneEvent.decode(data, offset, length);
        if (decoded.isOk()) {
            onEvent(packetSsrc, packetTimestamp, decoded.value());
        }
    }

    /** Feeds one decoded event with the SSRC and RTP timestamp of its packet. */
    public void onEvent(long packetSsrc, long packetTimestamp, TelephoneEvent event) {
        Optional<DtmfDigit> digit = DtmfDigit.ofEventCode(event.event());
        if (digit.isEmpty()) {
            return;
        }
        boolean sameSource = active && packetSsrc == ssrc;
        if (sameSource && packetTimestamp == timestamp) {
            if (!reported) {
                latest = event;
                reportIfEnded();
            }
            return;
        }
        if (sameSource && (int) (packetTimestamp - timestamp) < 0) {
            return;
        }
        if (active && !reported) {
            report(latest);
        }
        active = true;
        reported = false;
        ssrc = packetSsrc;
        timestamp = packetTimestamp;
        latest = event;
        reportIfEnded();
    }

    /**
     * Notes an audio packet of the same stream: audio stamped well after the current event's last known end means
     * its end packets were lost (RFC 4733 section 2.5.1.3 lets audio resume right after an event).
     */
    public void onAudio(long packetSsrc, long packetTimestamp) {
        if (active && !reported && packetSsrc == ssrc
                && (int) (packetTimestamp - timestamp) > latest.duration() + LOST_END_MARGIN) {
            report(latest);
        }
    }

    private void reportIfEnded() {
        if (latest.end()) {
            report(latest);
        }
    }

    private void report(TelephoneEvent event) {
        reported = true;
        Duration duration = Duration.ofNanos(event.duration() * 1_000_000_000L / clockRate);
        listener.accept(new DtmfEvent(DtmfDigit.ofEventCode(event.event()).orElseThrow(), duration,
                DtmfEvent.Source.RFC4733));
    }
}
