package ua.vikno.ivr.routing;

import java.nio.file.Path;

import ua.vikno.pbx.Party;
import ua.vikno.pbx.VoiceMessage;

/** How routing a call to a target ended, as far as the IVR is concerned. */
public sealed interface RouteOutcome {

    /** The caller was bridged to {@code party}. */
    record Connected(Party party) implements RouteOutcome {
    }

    /** The caller left a voice message. */
    record VoicemailLeft(Path file, VoiceMessage.Reason reason) implements RouteOutcome {
    }

    /** The caller asked to be called back from a queue and keeps their place; Vikno hung up. */
    record CallbackRequested(String queue) implements RouteOutcome {
    }

    /** Vikno hung up, after a message or because nothing else was possible. */
    record HungUp(String why) implements RouteOutcome {
    }

    /** The caller hung up first. */
    record CallerLeft() implements RouteOutcome {
    }
}
