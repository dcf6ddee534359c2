package ua.vikno.pbx.sip.call;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.pbx.CallEvent;
import ua.vikno.pbx.CallRecord;
import ua.vikno.pbx.CallState;
import ua.vikno.pbx.HangupCause;
import ua.vikno.pbx.Leg;
import ua.vikno.pbx.PlaybackOutcome;
import ua.vikno.pbx.RtpQuality;
import ua.vikno.pbx.VoiceMessage;
import ua.vikno.pbx.rtp.ReceptionReport;

/**
 * The end of a {@link SipCall}, once: signalling, then taps and mixers, then the callee's RTP session, then the
 * caller's, then {@link CallEvent.Ended} with the {@link CallRecord}. A voice message being taken is finished and
 * its file written before the record is taken, so that what the IVR notes about the message is in the record.
 * Runs on the engine's context.
 */
final class CallTeardown {
    private static final Logger LOG = LoggerFactory.getLogger(CallTeardown.class);
    /** How long the record waits for a voice message's file; a slower write is logged, not waited for. */
    static final Duration MESSAGE_WAIT = Duration.ofSeconds(2);

    private final SipCall call;

    CallTeardown(SipCall call) {
        this.call = call;
    }

    /** Ends the call once: signalling first, then media in reverse order of acquisition, then the record. */
    Future<Void> end(HangupCause cause, Optional<Leg> endedBy) {
        if (call.ending != null) {
            return call.ending;
        }
        // Set before anything else: giving up a ring group calls back into the call, which may end it again.
        Promise<Void> done = Promise.promise();
        call.ending = done.future();
        CallState was = call.state;
        call.state = CallState.ENDED;
        Instant endedAt = call.services.clock().instant();
        LOG.info("call={} ended: {} by {} (was {})", call.id, cause, endedBy.map(Leg::name).orElse("vikno"), was);
        call.prompts.stop(call.callerMedia, PlaybackOutcome.HUNG_UP);
        Future<Void> messageWritten = Future.succeededFuture();
        if (call.recorder != null) {
            call.recorder.stop(VoiceMessage.Reason.HUNG_UP);
            messageWritten = written(call.recorder);
        }
        SipCall.Connection c = call.connecting;
        if (c != null) {
            c.ring().giveUp(HangupCause.CALLER_ABANDONED);
        }
        SipCall.Bridged b = call.bridged;
        if (b != null) {
            b.relay().disconnect();
            b.leg().end();
            if (b.party().line()) {
                call.services.registry().lineLeft(b.extension());
            }
        }
        call.callerSide.end(RingAll.status(cause));
        call.taps.close();
        call.towardCaller.close();
        call.towardCallee.close();
        Future<ReceptionReport> callerStats = call.callerMedia == null ? Future.succeededFuture(null)
                : call.callerMedia.statistics();
        Future<ReceptionReport> calleeStats = b == null ? Future.succeededFuture(null) : b.media().statistics();
        Future.join(callerStats, calleeStats, messageWritten).transform(stats -> {
            List<RtpQuality> quality = new ArrayList<>();
            quality(Leg.CALLER, callerStats).ifPresent(quality::add);
            quality(Leg.CALLEE, calleeStats).ifPresent(quality::add);
            Future<Void> calleeClosed = b == null ? Future.succeededFuture() : b.media().close();
            return calleeClosed.transform(x -> call.callerMedia == null ? Future.<Void>succeededFuture()
                    : call.callerMedia.close()).transform(x -> {
                        call.services.registry().remove(call);
                        call.lines.forEach(call.services.registry()::lineLeft);
                        call.emit(new CallEvent.Ended(endedAt, new CallRecord(call.id, call.caller, call.dialled, call.startedAt,
                                Optional.ofNullable(call.answeredAt), Optional.ofNullable(call.bridgedAt), endedAt,
                                Optional.ofNullable(call.operator), cause, endedBy, call.notes.all(), quality)));
                        call.listeners.clear();
                        return Future.<Void>succeededFuture();
                    });
        }).onComplete(done);
        return call.ending;
    }

    /** Completes when the recorder's message is written or failed, or after {@link #MESSAGE_WAIT}; never fails. */
    private Future<Void> written(VoiceRecorder recorder) {
        Future<VoiceMessage> message = recorder.message();
        if (message.isComplete()) {
            return Future.succeededFuture();
        }
        Vertx vertx = call.services.media().vertx();
        Promise<Void> settled = Promise.promise();
        long timer = vertx.setTimer(MESSAGE_WAIT.toMillis(), t -> {
            if (settled.tryComplete()) {
                LOG.warn("call={} voice message not written within {}: the record is taken without it", call.id,
                        MESSAGE_WAIT);
            }
        });
        message.onComplete(ar -> {
            vertx.cancelTimer(timer);
            settled.tryComplete();
        });
        return settled.future();
    }

    private static Optional<RtpQuality> quality(Leg leg, Future<ReceptionReport> report) {
        if (report.failed() || report.result() == null) {
            return Optional.empty();
        }
        ReceptionReport r = report.result();
        return Optional.of(new RtpQuality(leg, r.received(), Math.max(0, r.lost()), r.jitter().toNanos() / 1e6));
    }
}
