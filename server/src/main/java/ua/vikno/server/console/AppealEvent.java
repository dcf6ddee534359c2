package ua.vikno.server.console;

import java.time.Instant;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * An appeal was created or changed; the console reloads what shows it.
 *
 * @param kind   what happened
 * @param number the appeal's number
 * @param status the appeal's status after the change ({@code in-progress})
 * @param action what was done ({@code status}, {@code comment}, {@code sms-status}...: see
 *               {@link ua.vikno.appeals.AppealChange#action()})
 */
public record AppealEvent(Kind kind, String number, String status, String action, Instant at) {

    /** What happened to the appeal. */
    public enum Kind {
        /** Registered from a call. */
        CREATED,
        /** Its status, assignee, comments or SMS changed. */
        CHANGED
    }

    public JsonObject toJson() {
        return new JsonObject().put("kind", kind.name().toLowerCase(java.util.Locale.ROOT)).put("number", number)
                .put("status", status).put("action", action).put("at", at.toString());
    }

    /** Passes the record as it is between verticles of one node; never sent over a wire. */
    public static final class LocalCodec implements MessageCodec<AppealEvent, AppealEvent> {
        @Override
        public void encodeToWire(Buffer buffer, AppealEvent event) {
            throw new UnsupportedOperationException("appeal events stay on one node");
        }

        @Override
        public AppealEvent decodeFromWire(int pos, Buffer buffer) {
            throw new UnsupportedOperationException("appeal events stay on one node");
        }

        @Override
        public AppealEvent transform(AppealEvent event) {
            return event;
        }

        @Override
        public String name() {
            return "vikno.appeal-event";
        }

        @Override
        public byte systemCodecID() {
            return -1;
        }
    }
}
