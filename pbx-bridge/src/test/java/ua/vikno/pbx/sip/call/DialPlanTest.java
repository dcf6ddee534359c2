package ua.vikno.pbx.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import ua.vikno.config.Network;
import ua.vikno.config.Trunk;

/** Which numbers a line dials are outside, and which trunk they leave through. */
class DialPlanTest {
    private final DialPlan plan = DialPlan.of(Set.of("+380444960000", "1500"), List.of(trunk("city"), trunk("backup")));

    @ParameterizedTest(name = "{0} is external: {1}")
    @CsvSource({
            "0441234567, true",      // a Kyiv number dialled nationally
            "+380501112233, true",   // a mobile in E.164
            "2345678, true",         // a city number of 7 digits
            "+380444960000, false",  // our own hotline DID goes to the IVR
            "1500, false",           // our short number
            "*55101, false",         // a feature code
            "1234, false",           // too short: an unknown extension
            "sales, false"           // not a number
    })
    void tellsExternalNumbersFromOurOwn(String dialled, boolean external) {
        assertThat(plan.external(dialled)).isEqualTo(external);
    }

    @Test
    void emergencyNumbersAreTheSitesOnly() {
        DialPlan withEmergency = DialPlan.of(Set.of("1500"), List.of("101", "112"), List.of(trunk("city")));
        assertThat(withEmergency.emergency("112")).isTrue();
        assertThat(withEmergency.emergency("101")).isTrue();
        assertThat(withEmergency.emergency("1500")).isFalse();
        assertThat(withEmergency.emergency("0441234567")).isFalse();
        assertThat(plan.emergency("112")).as("a plan built without them has none").isFalse();
    }

    @Test
    void externalNumbersLeaveThroughTheFirstTrunk() {
        assertThat(plan.outbound()).map(Trunk::id).contains("city");
        assertThat(DialPlan.of(Set.of(), List.of()).outbound()).isEmpty();
    }

    private static Trunk trunk(String id) {
        return new Trunk(id, Trunk.Mode.STATIC, "127.0.0.1", 5070, Network.Transport.UDP, List.of("127.0.0.1"),
                Optional.empty(), "+380444960000");
    }
}
