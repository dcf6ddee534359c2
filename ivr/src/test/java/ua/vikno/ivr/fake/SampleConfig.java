package ua.vikno.ivr.fake;

import java.nio.file.Path;

import ua.vikno.config.ConfigException;
import ua.vikno.config.ConfigLoader;
import ua.vikno.config.ViknoConfig;

/** The sample configuration shipped with the repository, read as the server would read it. */
public final class SampleConfig {
    private SampleConfig() {
    }

    public static Path file() {
        return Path.of("..", "config", "samples", "housing-services.yaml").toAbsolutePath().normalize();
    }

    public static ViknoConfig load() {
        try {
            return new ConfigLoader(name -> null).load(file());
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
