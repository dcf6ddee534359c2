package ua.vikno.pbx.rtp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prompts read once and kept: a greeting played to a thousand callers is read and parsed once, not per call. An
 * entry is used while the file's size and modification time are those it was read with, so a greeting replaced
 * on disk is played new from the next call on (one file status per play, without blocking the event loop). The
 * least recently played prompts are dropped beyond {@code capacity}; a file that failed to load is not kept.
 */
public final class PromptCache {
    private final Vertx vertx;
    private final int capacity;
    private final Map<String, Entry> entries;

    private record Entry(long size, long modified, Future<WavPrompt> prompt) {
    }

    public PromptCache(Vertx vertx, int capacity) {
        this.vertx = vertx;
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** The prompt in {@code path}; fails as {@link WavPrompt#load} does. */
    public Future<WavPrompt> load(String path) {
        return vertx.fileSystem().props(path).transform(props -> props.succeeded()
                ? current(path, props.result())
                : WavPrompt.load(vertx, path));
    }

    private Future<WavPrompt> current(String path, FileProps props) {
        synchronized (entries) {
            Entry known = entries.get(path);
            if (known != null && known.size() == props.size() && known.modified() == props.lastModifiedTime()
                    && !known.prompt().failed()) {
                return known.prompt();
            }
            Future<WavPrompt> loading = WavPrompt.load(vertx, path);
            entries.put(path, new Entry(props.size(), props.lastModifiedTime(), loading));
            while (entries.size() > capacity) {
                entries.remove(entries.keySet().iterator().next());
            }
            return loading;
        }
    }

    /** How many prompts are kept now. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
