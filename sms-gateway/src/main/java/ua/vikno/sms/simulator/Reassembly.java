package ua.vikno.sms.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ua.vikno.sms.SmsDecoder;

/** Joins concatenated parts (3GPP TS 23.040 §9.2.3.24.1) by source, destination and reference. */
final class Reassembly {
    private record Key(String source, String destination, int reference, int parts) {
    }

    private static final class Pending {
        final String[] texts;
        final String[] ids;
        int received;

        Pending(int parts) {
            texts = new String[parts];
            ids = new String[parts];
        }
    }

    private final Map<Key, Pending> pending = new HashMap<>();

    /** Adds one part; returns the whole message once its last missing part arrived. */
    synchronized Optional<ReceivedSms> add(String source, String destination, int dataCoding, SmsDecoder.Part part,
                                           String messageId, Instant at) {
        if (!part.concatenated() || part.parts() <= 1) {
            return Optional.of(new ReceivedSms(source, destination, part.text(), 1, dataCoding, List.of(messageId), at));
        }
        Key key = new Key(source, destination, part.reference(), part.parts());
        Pending p = pending.computeIfAbsent(key, k -> new Pending(k.parts()));
        int index = part.part() - 1;
        if (index < 0 || index >= p.texts.length) {
            return Optional.empty();
        }
        if (p.texts[index] == null) {
            p.received++;
        }
        p.texts[index] = part.text();
        p.ids[index] = messageId;
        if (p.received < p.texts.length) {
            return Optional.empty();
        }
        pending.remove(key);
        return Optional.of(new ReceivedSms(source, destination, String.join("", p.texts), p.texts.length, dataCoding,
                new ArrayList<>(List.of(p.ids)), at));
    }

    synchronized void clear() {
        pending.clear();
    }
}
