package ua.vikno.pbx;

import java.util.Map;
import java.util.Optional;

/**
 * What the modules above the call model learn about a call and want in its record: the IVR path and
 * category, the queue wait, a call-back request, the recording, the voicemail. Keys are the constants below; values are text.
 */
public interface CallNotes {
    /** The menu path, e.g. {@code main>1>2}. */
    String IVR_PATH = "ivr.path";
    /** The option labels joined, e.g. {@code Водопостачання / Гаряча вода}. */
    String CATEGORY = "ivr.category";
    /** The department the call was routed to. */
    String DEPARTMENT = "route.department";
    /** Milliseconds spent waiting in a queue. */
    String QUEUE_WAIT_MS = "queue.wait-ms";
    /** The call recording (a path or id from the recorder). */
    String RECORDING = "recording";
    /** A voicemail left by the caller (a path). */
    String VOICEMAIL = "voicemail";
    /** The caller asked a queue to call them back ({@code requested}) instead of waiting on the line. */
    String CALLBACK = "queue.callback";
    /** Whether the call was taken in working hours: {@code open} or {@code closed}. */
    String SCHEDULE = "schedule";

    void put(String key, String value);

    Optional<String> get(String key);

    /** A copy of all notes. */
    Map<String, String> all();
}
