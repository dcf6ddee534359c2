package ua.vikno.pbx.rtp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.config.Network;
import ua.vikno.pbx.rtp.internal.Counters;
import ua.vikno.pbx.rtp.internal.Player;
import ua.vikno.pbx.rtp.internal.PortBinding;
import ua.vikno.pbx.rtp.internal.ReceiveChain;
import ua.vikno.pbx.rtp.internal.Transmitter;

/**
 * One RTP stream of a call leg on a port pair from the pool: paced playback out through the media clock, and the
 * receive chain in (demultiplex, read the header, latch, route), with an inactivity timeout. Receiving, listeners and
 * futures run on the session's Vert.x context; sending runs on the media clock's thread.
 */
public final class RtpSession {
    private static final Logger LOG = LoggerFactory.getLogger(RtpSession.class);

    /** Lifecycle of a session. */
    private enum State { NEW, STARTING, OPEN, CLOSED }

    private final String id;
    private final Vertx vertx;
    private final Context context;
    private final Network.Rtp config;
    private final Ticker ticker;
    private final Counters counters = new Counters();
    private final Player player;
    private final PortBinding binding;
    private final ReceiveChain receive;
    private final Transmitter transmitter;
    private final RtpPacketEncoder encoder = new RtpPacketEncoder();
    private volatile State state = State.NEW;
    private volatile Runnable inactiveListener = () -> { };
    private Future<Void> closing;

    public RtpSession(String id, Vertx vertx, Network.Rtp config, RtpPortPool pool, MediaClock clock, Ticker ticker,
                      RandomGenerator random) {
        this.id = id;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.config = config;
        this.ticker = ticker;
        this.binding = new PortBinding(id, vertx, config.bind(), pool);
        this.receive = new ReceiveChain(counters, ticker, config.inactivityTimeout(), this::onInactive,
                peer -> LOG.info("rtp {} latched to {}", id, peer));
        this.transmitter = new Transmitter(counters, binding, receive::latched, vertx);
        this.player = new Player(clock, random, transmitter);
    }

    /** Binds a port pair from the pool; fails with {@link MediaFailure.PortsExhausted} or {@code BindFailed}. */
    public Future<RtpSession> start() {
        return onContext(() -> {
            if (state != State.NEW) {
                return Future.failedFuture(new IllegalStateException("rtp " + id + " is already " + state));
            }
            state = State.STARTING;
            return binding.bind(ticker, receive, receive::acceptOnRtcpPort)
                    .compose(ports -> opened(), failure -> {
                        state = State.CLOSED;
                        return Future.failedFuture(failure);
                    });
        });
    }

    private Future<RtpSession> opened() {
        if (state == State.CLOSED) {
            return binding.close().compose(v -> Future.failedFuture(new MediaException(new MediaFailure.SessionClosed(id))));
        }
        state = State.OPEN;
        receive.watch().arm(vertx);
        LOG.info("rtp {} listening on {}:{}", id, config.bind(), localPort());
        return Future.succeededFuture(this);
    }

    /** Applies our SDP answer: format, the offerer's address and our direction (hold included). */
    public RtpSession configure(SdpAnswer answer) {
        return configure(answer.format(), answer.remote(), answer.direction());
    }

    /**
     * Applies an SDP agreement: what to send and expect, where to send until the peer's RTP is latched (null if
     * unknown), and our direction: we send only if it {@link MediaDirection#sends() sends}, and silence times out
     * only if it {@link MediaDirection#receives() receives}.
     */
    public RtpSession configure(MediaFormat format, RtpPeer signalledRemote, MediaDirection direction) {
        receive.format(format);
        transmitter.signalled(signalledRemote, direction);
        context.runOnContext(v -> receive.watch().expectMedia(direction.receives()));
        return this;
    }

    public RtpSession onDigit(Consumer<DtmfEvent> listener) {
        receive.onDigit(listener);
        return this;
    }

    /** Receives the decoded 16-bit PCM of every accepted audio packet. */
    public RtpSession onAudio(Consumer<short[]> listener) {
        receive.onAudio(listener);
        return this;
    }

    /**
     * Receives the decoded PCM only while {@code wanted} is true: audio nobody listens to (a bridged call without
     * taps or recording) is not decoded. Asked on the session's context for every packet, so keep it cheap.
     */
    public RtpSession onAudio(Consumer<short[]> listener, BooleanSupplier wanted) {
        receive.onAudio(listener, wanted);
        return this;
    }

    /**
     * Receives the datagram of every accepted RTP packet (audio and telephone-event) as it arrived, for a bridge
     * to rewrite in place ({@link RtpTranslator#translateInPlace}) and {@link #relayDatagram relay}.
     */
    public RtpSession onDatagram(Consumer<byte[]> listener) {
        receive.onDatagram(listener);
        return this;
    }

    /** Sends an encoded RTP datagram now, unpaced, under the same rules as playback; the array is ours to send. */
    public void relayDatagram(byte[] datagram) {
        transmitter.accept(datagram);
    }

    /** Sends a relayed packet now, unpaced, under the same rules as playback (latched peer, direction). */
    public void relay(RtpPacket packet) {
        transmitter.accept(encoder.encode(packet));
    }

    /** What this session sends and expects. */
    public MediaFormat format() {
        return receive.format();
    }

    /** Called once when no RTP arrived for the configured inactivity timeout. */
    public RtpSession onInactive(Runnable listener) {
        this.inactiveListener = listener;
        return this;
    }

    /** Plays a prompt paced by the media clock, replacing (and stopping) any playback in progress. */
    public Future<PlaybackEnd> play(WavPrompt prompt) {
        if (state != State.OPEN) {
            return Future.failedFuture(new MediaException(new MediaFailure.SessionClosed(id)));
        }
        Promise<PlaybackEnd> ended = Promise.promise();
        player.play(prompt, receive.format(), how -> context.runOnContext(v -> ended.complete(how)));
        return ended.future();
    }

    public void stopPlayback() {
        player.stop();
    }

    /** Stops playback and the timer, closes the socket and returns the ports; again returns the same future. */
    public Future<Void> close() {
        return onContext(() -> {
            if (closing == null) {
                state = State.CLOSED;
                stopPlayback();
                receive.watch().disarm(vertx);
                LOG.info("rtp {} closing: {}", id, counters.snapshot());
                closing = binding.close();
            }
            return closing;
        });
    }

    /** The bound RTP port, 0 before start. */
    public int localPort() {
        return binding.ports().map(RtpPorts::rtp).orElse(0);
    }

    public Optional<RtpPeer> latchedRemote() {
        return receive.latched();
    }

    public RtpCounters counters() {
        return counters.snapshot();
    }

    /** Reception figures for the call record, read on the session's context. */
    public Future<ReceptionReport> statistics() {
        return onContext(() -> Future.succeededFuture(receive.report()));
    }

    private void onInactive() {
        LOG.warn("rtp {} received no RTP for {}", id, config.inactivityTimeout());
        inactiveListener.run();
    }

    private <T> Future<T> onContext(Supplier<Future<T>> action) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> {
            try {
                action.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }
}
