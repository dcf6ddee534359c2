package ua.vikno.pbx.sip.trunk;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.vertx.core.Future;
import ua.vikno.config.Trunk;
import ua.vikno.pbx.sip.call.SipOutbound;
import ua.vikno.pbx.sip.internal.ClientEvents;

/**
 * The registrations of every {@link Trunk.Mode#REGISTER} trunk, and the view the server shows of them; takes the
 * responses and timeouts of their REGISTERs and hands everything else to the calls. Runs on the engine's context.
 */
public final class TrunkRegistrations implements ClientEvents {
    private final List<TrunkRegistration> registrations;
    private final ClientEvents calls;

    /** Registrations for the trunks of {@code trunks} that register; other client events go to {@code calls};
     *  the IPs their registrars answer from are told to {@code sources}. */
    public TrunkRegistrations(List<Trunk> trunks, SipOutbound out, TrunkSources sources, Clock clock,
                              ClientEvents calls) {
        this.registrations = trunks.stream().filter(t -> t.mode() == Trunk.Mode.REGISTER)
                .map(t -> new TrunkRegistration(t, out, sources, clock)).toList();
        this.calls = calls;
    }

    /** Starts registering; call on the engine's context once the listening points are open. */
    public void start() {
        registrations.forEach(TrunkRegistration::start);
    }

    /** Un-registers every registered trunk; completes when each has its answer or gave up waiting. */
    public Future<Void> stop() {
        return Future.join(registrations.stream().map(TrunkRegistration::stop).toList()).mapEmpty();
    }

    /** What each registration is doing, in configuration order. */
    public List<TrunkRegistration.Status> statuses() {
        return registrations.stream().map(TrunkRegistration::status).toList();
    }

    @Override
    public void onResponse(Response response) {
        owner(response).ifPresentOrElse(r -> r.onResponse(response), () -> calls.onResponse(response));
    }

    @Override
    public void onTimeout(Request request) {
        owner(request).ifPresentOrElse(r -> r.onTimeout(request), () -> calls.onTimeout(request));
    }

    private Optional<TrunkRegistration> owner(Message message) {
        CallIdHeader id = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        if (id == null) {
            return Optional.empty();
        }
        return registrations.stream().filter(r -> id.getCallId().equals(r.callId())).findFirst();
    }
}
