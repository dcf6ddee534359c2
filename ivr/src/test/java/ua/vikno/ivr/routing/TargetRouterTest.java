package ua.vikno.ivr.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.vertx.core.Future;
import ua.vikno.config.Target;
import ua.vikno.ivr.CallEvents;
import ua.vikno.ivr.fake.FakeCall;
import ua.vikno.ivr.fake.FakeTime;
import ua.vikno.pbx.HangupCause;

@DisplayName("TargetRouter")
class TargetRouterTest {
    final FakeTime time = new FakeTime(Instant.parse("2026-11-23T08:00:00Z"));
    final FakeCall call = new FakeCall("c1", "+380670000001", "+380444960000", time);
    final RoutedCall routed = new RoutedCall(call, new CallEvents(call), Optional.empty());

    /** A department whose fallback is itself. */
    static final class Cycle implements TargetHandler {
        int visits;

        @Override
        public Target.Kind kind() {
            return Target.Kind.DEPARTMENT;
        }

        @Override
        public Future<RouteOutcome> route(RoutedCall call, String ref, Router router) {
            visits++;
            return router.route(call, new Target(Target.Kind.DEPARTMENT, ref));
        }
    }

    @Test
    void endsACallCaughtInACycleOfFallbacks() {
        Cycle cycle = new Cycle();
        Future<RouteOutcome> outcome = new TargetRouter(5).register(cycle)
                .route(routed, new Target(Target.Kind.DEPARTMENT, "water"));
        assertThat(cycle.visits).isEqualTo(5);
        assertThat(call.hangupCause()).contains(HangupCause.SYSTEM_ERROR);
        assertThat(outcome.result()).isInstanceOfSatisfying(RouteOutcome.HungUp.class,
                h -> assertThat(h.why()).contains("more than 5 targets").contains("department:water"));
    }

    @Test
    void aKindWithoutAHandlerIsANamedFailure() {
        Future<RouteOutcome> outcome = new TargetRouter(5).route(routed, new Target(Target.Kind.QUEUE, "dispatch"));
        assertThat(outcome.result()).isInstanceOfSatisfying(RouteOutcome.HungUp.class,
                h -> assertThat(h.why()).contains("no handler for queue targets"));
    }

    @Test
    void aKindIsHandledOnce() {
        TargetRouter router = new TargetRouter(5).register(new Cycle());
        assertThatThrownBy(() -> router.register(new Cycle())).hasMessageContaining("department");
    }
}
