package ua.vikno.pbx.sip.internal;

/** Serves the requests of one SIP method, on the engine's Vert.x context; must not block. */
@FunctionalInterface
public interface RequestHandler {
    void handle(IncomingRequest request);
}
