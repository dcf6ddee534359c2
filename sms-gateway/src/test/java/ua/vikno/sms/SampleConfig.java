package ua.vikno.sms;

import java.nio.file.Path;
import java.util.Map;

import ua.vikno.config.ConfigLoader;
import ua.vikno.config.Sms;

/** The {@code sms} section of the shipped sample configuration, loaded with no environment variables set. */
public final class SampleConfig {
    public static final Sms SMS = load();

    private SampleConfig() {
    }

    private static Sms load() {
        Path repo = Path.of(System.getProperty("vikno.repo", ".."));
        try {
            return new ConfigLoader(Map.<String, String>of()::get)
                    .load(repo.resolve("config/samples/housing-services.yaml")).sms();
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the sample configuration", e);
        }
    }
}
