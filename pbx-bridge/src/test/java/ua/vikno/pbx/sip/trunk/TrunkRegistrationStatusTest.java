package ua.vikno.pbx.sip.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrunkRegistrationStatusTest {
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @ParameterizedTest(name = "{0} with a binding until now + {1} s: bound = {2}")
    @CsvSource({
        "REGISTERED,    60, true",
        "REGISTERED,    -1, false",
        "REGISTERING,   60, true",
        "REGISTERING,   -1, false",
        "REGISTERING,     , false",
        "FAILED,        60, true",
        "FAILED,        -1, false",
        "FAILED,          , false",
        "UNREGISTERED,    , false",
        "STOPPED,       60, false",
    })
    void theTrunkIsBoundUntilTheGrantedBindingLapsesWhateverBecameOfTheRefreshes(TrunkRegistration.State state, Long seconds,
                                                                 boolean bound) {
        TrunkRegistration.Status status = new TrunkRegistration.Status("city", state,
                Optional.ofNullable(seconds).map(NOW::plusSeconds), Optional.empty(), 3);
        assertThat(status.bound(NOW)).isEqualTo(bound);
    }
}
