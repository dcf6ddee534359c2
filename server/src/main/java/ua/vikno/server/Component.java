package ua.vikno.server;

import io.vertx.core.Future;

/**
 * A part of the server that is started in order, stopped in reverse order, and reports its health.
 * Modules' engines (SIP, SMS, ...) are adapted to this interface by the server.
 */
public interface Component {

    /** The name used in {@code /health} and logs: redis, http, sip, smpp, ... */
    String name();

    /** Starts the component; the future fails when it cannot (a bind or connect failed). */
    Future<Void> start();

    /** Stops the component; idempotent, never fails. */
    Future<Void> stop();

    /** The current health; never fails (a failure is a DOWN status). */
    Future<ComponentHealth> health();
}
