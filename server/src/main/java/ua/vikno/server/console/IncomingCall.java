package ua.vikno.server.console;

import java.time.Instant;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * A call rings an operator's internal line, or the ringing is over: the call was answered (by this line or
 * another) or ended.
 *
 * @param callId the call's id, as in its call record
 * @param caller the resident's number, e.g. {@code +380671112233}
 * @param line   the extension that rings, e.g. {@code 200}
 * @param ivrPath the menu path the caller took, e.g. {@code main>1}, empty if none
 * @param state  where the call is for this line
 * @param answeredBy the extension that answered, empty unless {@code state} is {@link State#ANSWERED}
 */
public record IncomingCall(String callId, String caller, String line, String ivrPath, Instant at, State state,
                           String answeredBy) {

    /** Where the call is, as the pop-up on the ringing line shows it. */
    public enum State {
        /** The line rings. */
        RINGING,
        /** A line answered: this one or another of its ring group. */
        ANSWERED,
        /** The call ended. */
        ENDED
    }

    /** The line rings. */
    public IncomingCall(String callId, String caller, String line, String ivrPath, Instant at) {
        this(callId, caller, line, ivrPath, at, State.RINGING, "");
    }

    public JsonObject toJson() {
        return new JsonObject().put("callId", callId).put("caller", caller).put("line", line)
                .put("ivrPath", ivrPath).put("at", at.toString())
                .put("state", state.name().toLowerCase(java.util.Locale.ROOT)).put("answeredBy", answeredBy);
    }

    /** The call as {@link #toJson()} wrote it; fails with an {@link IllegalArgumentException} on anything else. */
    public static IncomingCall fromJson(JsonObject j) {
        try {
            return new IncomingCall(j.getString("callId"), j.getString("caller"), j.getString("line"),
                    j.getString("ivrPath", ""), Instant.parse(j.getString("at")),
                    State.valueOf(j.getString("state").toUpperCase(java.util.Locale.ROOT)), j.getString("answeredBy", ""));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an incoming call: " + j.encode(), e);
        }
    }

    /** Passes the record as it is inside one node; between nodes it travels as {@link #toJson()}. */
    public static final class LocalCodec implements MessageCodec<IncomingCall, IncomingCall> {
        @Override
        public void encodeToWire(Buffer buffer, IncomingCall call) {
            throw new UnsupportedOperationException("incoming calls stay on one node");
        }

        @Override
        public IncomingCall decodeFromWire(int pos, Buffer buffer) {
            throw new UnsupportedOperationException("incoming calls stay on one node");
        }

        @Override
        public IncomingCall transform(IncomingCall call) {
            return call;
        }

        @Override
        public String name() {
            return "vikno.incoming-call";
        }

        @Override
        public byte systemCodecID() {
            return -1;
        }
    }
}
