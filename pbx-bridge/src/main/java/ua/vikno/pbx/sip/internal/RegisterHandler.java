package ua.vikno.pbx.sip.internal;

import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.pbx.sip.SipFailure;
import ua.vikno.pbx.sip.registrar.RegisterReply;
import ua.vikno.pbx.sip.registrar.RegisterRequest;
import ua.vikno.pbx.sip.registrar.Registrar;

/** Serves REGISTER (RFC 3261 section 10.3) by handing it to the {@link Registrar}. */
public final class RegisterHandler implements RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RegisterHandler.class);

    private final Registrar registrar;
    private final RegisterCodec codec;
    private final Responder responder;

    public RegisterHandler(Registrar registrar, RegisterCodec codec, Responder responder) {
        this.registrar = registrar;
        this.codec = codec;
        this.responder = responder;
    }

    @Override
    public void handle(IncomingRequest in) {
        RegisterRequest request;
        try {
            request = codec.decode(in);
        } catch (SipFailure.BadRequest e) {
            responder.reply(in, Response.BAD_REQUEST, e.reason());
            return;
        }
        registrar.register(request).onComplete(done -> {
            if (done.failed()) {
                LOG.error("REGISTER from {} (call-id {}) failed: {}", in.source(), in.callId(),
                        done.cause().toString());
                responder.reply(in, Response.SERVER_INTERNAL_ERROR, "Location Service Unavailable");
                return;
            }
            RegisterReply reply = done.result();
            if (reply instanceof RegisterReply.Registered ok) {
                LOG.info("line {} from {} now has {} contact(s)", request.toUser(), in.source(), ok.bindings().size());
            }
            Response response = responder.create(in, RegisterCodec.status(reply), RegisterCodec.reason(reply));
            codec.encode(reply, response);
            responder.send(in, response);
        });
    }
}
