package ua.vikno.pbx.sip.call;

import java.util.List;
import java.util.random.RandomGenerator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import ua.vikno.config.Network;
import ua.vikno.pbx.rtp.G711;
import ua.vikno.pbx.rtp.MediaClock;
import ua.vikno.pbx.rtp.PromptCache;
import ua.vikno.pbx.rtp.RtpPortPool;
import ua.vikno.pbx.rtp.RtpSession;
import ua.vikno.pbx.rtp.SdpAnswer;
import ua.vikno.pbx.rtp.Ticker;

/**
 * What calls need for media: the RTP settings, the port pool, the one shared media clock, a ticker, randomness and
 * the prompts already read.
 * Sessions it opens run on the caller's context (the engine's).
 */
public record CallMedia(Vertx vertx, Network.Rtp config, RtpPortPool pool, MediaClock clock, Ticker ticker,
                        RandomGenerator random, PromptCache prompts) {
    /** Greetings, menus, hold music and announcements of a large site, with room to spare. */
    private static final int PROMPTS_KEPT = 512;

    public CallMedia(Vertx vertx, Network.Rtp config, RtpPortPool pool, MediaClock clock, Ticker ticker,
                     RandomGenerator random) {
        this(vertx, config, pool, clock, ticker, random, new PromptCache(vertx, PROMPTS_KEPT));
    }

    /** Binds a port pair from the pool for one leg. */
    Future<RtpSession> open(String id) {
        return new RtpSession(id, vertx, config, pool, clock, ticker, random).start();
    }

    /** Our side of an SDP answer on {@code port} (PCMU and PCMA, the offer's order deciding). */
    SdpAnswer.Local local(int port, long sessionId, long version) {
        return new SdpAnswer.Local(config.bind(), port, sessionId, version, List.of(G711.PCMU, G711.PCMA));
    }

    /** Our offer on {@code port}. */
    SdpOffer offer(int port, long sessionId) {
        return new SdpOffer(config.bind(), port, sessionId, SdpOffer.TELEPHONE_EVENT);
    }
}
