package ua.vikno.pbx.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import ua.vikno.config.ConfigLoader;
import ua.vikno.config.ViknoConfig;
import ua.vikno.testkit.FreePorts;

/** The engine built from the sample configuration serves the sample's lines with the sample's passwords. */
class SampleConfigurationTest {

    @Test
    void aLineOfTheSampleRegistersWithItsConfiguredPassword() throws Exception {
        Path sample = Path.of(System.getProperty("vikno.repo", ".."), "config/samples/housing-services.yaml");
        int port = FreePorts.next();
        ViknoConfig config = new ConfigLoader(Map.of("VIKNO_SIP_PORT", Integer.toString(port))::get).load(sample);

        try (RunningEngine server = new RunningEngine(config.network().sip(), config.lines()).start()) {
            Sipp.Result result = Sipp.scenario("register-auth.xml").as("200", "op-200-dev-only").against(port);

            assertThat(result.succeeded()).as("%s", result).isTrue();
            assertThat(server.bindings("200")).hasSize(1);
            assertThat(server.engine.health().listeningPoints())
                    .containsExactlyInAnyOrder("udp:127.0.0.1:" + port, "tcp:127.0.0.1:" + port);
        }
    }
}
