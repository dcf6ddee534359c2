package ua.vikno.ivr.menu;

import java.util.Set;
import java.util.stream.Collectors;

import io.vertx.core.Future;
import ua.vikno.config.Ivr;
import ua.vikno.config.Line;
import ua.vikno.config.Target;
import ua.vikno.config.ViknoConfig;
import ua.vikno.ivr.IvrSettings;
import ua.vikno.ivr.Timers;
import ua.vikno.ivr.prompt.Prompts;
import ua.vikno.ivr.routing.RouteOutcome;
import ua.vikno.ivr.routing.RoutedCall;
import ua.vikno.ivr.routing.Router;
import ua.vikno.ivr.routing.RoutingFailure;
import ua.vikno.ivr.routing.TargetHandler;

/** {@code menu:<id>}: runs a {@link MenuSession} from that menu, then routes the call to the chosen target. */
public final class MenuHandler implements TargetHandler {
    private final Ivr ivr;
    private final Set<String> extensions;
    private final Prompts prompts;
    private final Timers timers;
    private final IvrSettings settings;

    public MenuHandler(ViknoConfig config, Prompts prompts, Timers timers, IvrSettings settings) {
        this.ivr = config.ivr();
        this.extensions = config.lines().stream().map(Line::extension).collect(Collectors.toUnmodifiableSet());
        this.prompts = prompts;
        this.timers = timers;
        this.settings = settings;
    }

    @Override
    public Target.Kind kind() {
        return Target.Kind.MENU;
    }

    @Override
    public Future<RouteOutcome> route(RoutedCall call, String id, Router router) {
        Ivr.Menu menu = ivr.menus().get(id);
        if (menu == null) {
            return Future.failedFuture(new RoutingFailure(call.id(), "unknown menu '" + id + "'"));
        }
        return new MenuSession(call, ivr, extensions, prompts, timers, settings.interDigitTimeout()).start(menu)
                .compose(exit -> exit instanceof MenuExit.Chosen c
                        ? router.route(call, c.target())
                        : Future.succeededFuture(new RouteOutcome.CallerLeft()));
    }
}
