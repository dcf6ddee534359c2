package ua.vikno.pbx.sip.call;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import ua.vikno.pbx.CallNotes;

/** The notes of one call, safe to write from any module's thread. */
final class SimpleNotes implements CallNotes {
    private final Map<String, String> notes = new ConcurrentHashMap<>();

    @Override
    public void put(String key, String value) {
        notes.put(key, value);
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(notes.get(key));
    }

    @Override
    public Map<String, String> all() {
        return Map.copyOf(notes);
    }
}
