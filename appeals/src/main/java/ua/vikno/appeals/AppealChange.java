package ua.vikno.appeals;

import java.util.Optional;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * An appeal was created or changed, as every node hears it from Redis.
 *
 * @param created whether the change created the appeal
 * @param number  the appeal's number
 * @param action  what was done: a {@link HistoryEntry.Action} in lower case ({@code status}, {@code comment},
 *                {@code sms}...), {@code created}, or {@code sms-status} for an SMS delivery receipt
 * @param status  the appeal's status after the change ({@code in-progress})
 */
public record AppealChange(boolean created, String number, String action, String status) {

    /**
     * The pub/sub channel every change of the appeals in Redis database {@code database} is published on, by the
     * same script that writes it.
     */
    public static String channel(int database) {
        return ua.vikno.appeals.internal.AppealKeys.changes(database);
    }

    /** Reads a message of the appeals' change channel; empty if it is not one. */
    public static Optional<AppealChange> parse(String message) {
        try {
            JsonObject j = new JsonObject(message);
            String number = j.getString("number");
            if (number == null) {
                return Optional.empty();
            }
            return Optional.of(new AppealChange("created".equals(j.getString("kind")), number,
                    j.getString("action", ""), j.getString("status", "")));
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
