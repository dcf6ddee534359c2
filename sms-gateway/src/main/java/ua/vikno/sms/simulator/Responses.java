package ua.vikno.sms.simulator;

import java.util.function.BiConsumer;

import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerResponseDeliveryListener;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;

/** Tells the simulator when a submit_sm_resp is on the wire, so a receipt never overtakes its response. */
final class Responses implements ServerResponseDeliveryListener {
    private final BiConsumer<SubmitSmResult, SMPPServerSession> onSent;

    Responses(BiConsumer<SubmitSmResult, SMPPServerSession> onSent) {
        this.onSent = onSent;
    }

    @Override
    public void onSubmitSmRespSent(SubmitSmResult submitSmResult, SMPPServerSession source) {
        onSent.accept(submitSmResult, source);
    }

    @Override
    public void onSubmitSmRespError(SubmitSmResult submitSmResult, Exception cause, SMPPServerSession source) {
    }

    @Override
    public void onSubmitMultiRespSent(SubmitMultiResult submitMultiResult, SMPPServerSession source) {
    }

    @Override
    public void onSubmitMultiRespError(SubmitMultiResult submitMultiResult, Exception cause, SMPPServerSession source) {
    }
}
