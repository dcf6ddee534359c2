package ua.vikno.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import ua.vikno.config.ConfigLoader;
import ua.vikno.config.ViknoConfig;

/** The sample configuration, pointed at test ports and a test Redis through its ${VAR} settings. */
final class TestConfigs {
    static final Path SAMPLE = Path.of(System.getProperty("vikno.repo", ".."))
            .resolve("config/samples/housing-services.yaml").toAbsolutePath().normalize();

    private TestConfigs() {
    }

    /** Environment for a node on free ports using the given Redis. */
    static Map<String, String> environment(String redisUrl, int httpPort, Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("VIKNO_REDIS_URL", redisUrl);
        env.put("VIKNO_HTTP_PORT", String.valueOf(httpPort));
        env.put("VIKNO_DATA", dataDir.toString());
        env.put("VIKNO_SIP_PORT", String.valueOf(ua.vikno.testkit.FreePorts.next()));
        env.put("VIKNO_SMPP_PORT", String.valueOf(ua.vikno.testkit.FreePorts.next()));
        return env;
    }

    static ViknoConfig sample(Map<String, String> env) throws Exception {
        return new ConfigLoader(env::get).load(SAMPLE);
    }

    /** The sample with one textual edit, as if an administrator had changed the file. */
    static ViknoConfig sampleWith(Map<String, String> env, String from, String to) throws Exception {
        String text = Files.readString(SAMPLE);
        if (!text.contains(from)) {
            throw new IOException("the sample does not contain: " + from);
        }
        return new ConfigLoader(env::get).parse(SAMPLE, text.replace(from, to));
    }

    /** The sample with several textual edits (each {@code from} must occur), applied in order. */
    static ViknoConfig sampleWith(Map<String, String> env, Map<String, String> edits) throws Exception {
        String text = Files.readString(SAMPLE);
        for (Map.Entry<String, String> edit : edits.entrySet()) {
            if (!text.contains(edit.getKey())) {
                throw new IOException("the sample does not contain: " + edit.getKey());
            }
            text = text.replace(edit.getKey(), edit.getValue());
        }
        return new ConfigLoader(env::get).parse(SAMPLE, text);
    }
}
