package ua.vikno.appeals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppealStatusTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "registered, assigned, true",
            "registered, in-progress, true",
            "registered, reopened, false",
            "assigned, in-progress, true",
            "assigned, registered, false",
            "in-progress, resolved, true",
            "in-progress, rejected, true",
            "in-progress, assigned, false",
            "resolved, reopened, true",
            "resolved, in-progress, false",
            "rejected, reopened, true",
            "rejected, resolved, false",
            "reopened, assigned, true",
            "reopened, resolved, true",
    })
    void theLifecycleAllowsOnlyItsTransitions(String from, String to, boolean allowed) {
        assertThat(AppealStatus.fromKey(from).canMoveTo(AppealStatus.fromKey(to))).isEqualTo(allowed);
    }
}
