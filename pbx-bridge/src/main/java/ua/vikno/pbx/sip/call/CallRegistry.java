package ua.vikno.pbx.sip.call;

import java.util.Collection;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;

import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.vikno.pbx.sip.internal.ClientEvents;

/**
 * The dialogs and calls in progress on this node, by Call-ID and by call id; also which lines are on a call, for
 * presence. Used on the engine's context only.
 */
public final class CallRegistry implements ClientEvents {
    private static final Logger LOG = LoggerFactory.getLogger(CallRegistry.class);

    private final Map<String, SipLeg> legs = new HashMap<>();
    private final Map<String, SipCall> calls = new ConcurrentHashMap<>();
    private final Map<String, Integer> linesOnCall = new ConcurrentHashMap<>();
    private final java.util.Set<String> doNotDisturb = ConcurrentHashMap.newKeySet();

    void add(SipLeg leg) {
        legs.put(leg.callId(), leg);
    }

    void remove(SipLeg leg) {
        legs.remove(leg.callId(), leg);
    }

    SipLeg leg(Message message) {
        CallIdHeader callId = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return callId == null ? null : legs.get(callId.getCallId());
    }

    void add(SipCall call, List<String> lines) {
        calls.put(call.id(), call);
        lines.forEach(line -> linesOnCall.merge(line, 1, Integer::sum));
    }

    void lineJoined(String line) {
        linesOnCall.merge(line, 1, Integer::sum);
    }

    void lineLeft(String line) {
        linesOnCall.computeIfPresent(line, (k, n) -> n <= 1 ? null : n - 1);
    }

    void remove(SipCall call) {
        calls.remove(call.id());
    }

    /** Puts a line in do-not-disturb or out of it; true if that changed anything. */
    boolean doNotDisturb(String line, boolean on) {
        return on ? doNotDisturb.add(line) : doNotDisturb.remove(line);
    }

    /** Whether a line is in do-not-disturb: rung like a line on a call (busy). */
    public boolean inDoNotDisturb(String line) {
        return doNotDisturb.contains(line);
    }

    /** Whether calling a line now finds it busy: on a call, or in do-not-disturb. */
    boolean busy(String line) {
        return onCall(line) || inDoNotDisturb(line);
    }

    public boolean onCall(String line) {
        return linesOnCall.containsKey(line);
    }

    public Collection<SipCall> calls() {
        return List.copyOf(calls.values());
    }

    /** Dialogs still open, for tests and metrics. */
    public int dialogs() {
        return legs.size();
    }

    @Override
    public void onResponse(Response response) {
        SipLeg leg = leg(response);
        if (leg == null) {
            LOG.debug("response {} for no dialog of ours dropped", response.getStatusCode());
            return;
        }
        leg.onResponse(response);
    }

    @Override
    public void onTimeout(Request request) {
        SipLeg leg = leg(request);
        if (leg != null) {
            leg.onTimeout(request);
        }
    }
}
