package ua.vikno.server.internal;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import ua.vikno.pbx.AudioPrompt;
import ua.vikno.pbx.Call;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Pbx;
import ua.vikno.pbx.PlayOptions;

/**
 * The do-not-disturb feature codes an operator dials from the softphone, as on Asterisk: {@code *78} on,
 * {@code *79} off. The line's presence changes at once (the IVR offers it no calls; other lines calling it hear
 * busy), the operator hears the confirmation and is hung up on. The state is kept in Redis ({@code vikno:dnd},
 * a set of extensions) so a restart keeps it; while Redis is away it holds on this node only.
 */
public final class DoNotDisturbCodes {
    static final String ON = "*78";
    static final String OFF = "*79";
    static final String KEY = "vikno:dnd";
    private static final Logger LOG = LoggerFactory.getLogger(DoNotDisturbCodes.class);

    private final Pbx pbx;
    private final RedisAsyncCommands<String, String> redis;
    private final Optional<AudioPrompt> onPrompt;
    private final Optional<AudioPrompt> offPrompt;

    public DoNotDisturbCodes(Pbx pbx, RedisAsyncCommands<String, String> redis, Optional<AudioPrompt> onPrompt,
                             Optional<AudioPrompt> offPrompt) {
        this.pbx = pbx;
        this.redis = redis;
        this.onPrompt = onPrompt;
        this.offPrompt = offPrompt;
    }

    /** Puts the lines Redis remembers in do-not-disturb again; completes with how many. */
    public Future<Integer> restore() {
        return OnCallerContext.on(redis.smembers(KEY)).map(lines -> {
            lines.forEach(line -> pbx.doNotDisturb(line, true));
            if (!lines.isEmpty()) {
                LOG.info("lines in do-not-disturb: {}", lines);
            }
            return lines.size();
        });
    }

    /** Whether {@code call} is a line dialling one of the codes. */
    public boolean handles(Call call) {
        return call.caller().line() && (ON.equals(call.dialled()) || OFF.equals(call.dialled()));
    }

    /** Whether {@code line} is in do-not-disturb now. */
    public boolean isOn(String line) {
        return pbx.presence(line).doNotDisturb();
    }

    /**
     * Puts {@code line} in do-not-disturb or takes it out (the console's switch, and the codes): at once on this
     * node; completes when Redis keeps it, and fails if it could not (the state then holds until a restart).
     */
    public Future<Void> set(String line, boolean on) {
        pbx.doNotDisturb(line, on);
        LOG.info("line {} {} do-not-disturb", line, on ? "entered" : "left");
        return OnCallerContext.on(on ? redis.sadd(KEY, line) : redis.srem(KEY, line)).<Void>mapEmpty()
                .onFailure(e -> LOG.warn("do-not-disturb of line {} is not kept in Redis ({}); it holds until restart",
                        line, e.toString()));
    }

    /** Switches the calling line, says so and hangs up. */
    public Future<Void> toggle(Call call) {
        boolean on = ON.equals(call.dialled());
        set(call.caller().number(), on);
        Optional<AudioPrompt> confirmation = on ? onPrompt : offPrompt;
        return call.answer()
                .compose(v -> confirmation.map(p -> call.play(p, PlayOptions.ONCE).<Void>mapEmpty())
                        .orElse(Future.succeededFuture()))
                .compose(v -> call.hangup(HangupCause.NORMAL));
    }
}
