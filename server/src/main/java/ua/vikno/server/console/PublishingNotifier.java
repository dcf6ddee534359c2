package ua.vikno.server.console;

import java.time.Clock;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import ua.vikno.appeals.Appeal;
import ua.vikno.appeals.AppealNotifier;
import ua.vikno.appeals.HistoryEntry;
import ua.vikno.appeals.SmsNote;

/** Publishes an {@link AppealEvent} for every appeal the service registers or moves, then tells the resident. */
public final class PublishingNotifier implements AppealNotifier {
    private final AppealNotifier next;
    private final EventBus bus;
    private final Clock clock;

    public PublishingNotifier(AppealNotifier next, EventBus bus, Clock clock) {
        this.next = next;
        this.bus = bus;
        this.clock = clock;
    }

    @Override
    public Future<Void> appealChanged(Appeal appeal, HistoryEntry change) {
        AppealEvent.Kind kind = change.action() == HistoryEntry.Action.CREATED
                ? AppealEvent.Kind.CREATED : AppealEvent.Kind.CHANGED;
        bus.publish(ConsoleAddresses.APPEAL_EVENTS, new AppealEvent(kind, appeal.number(), appeal.status().key(),
                clock.instant()));
        return next.appealChanged(appeal, change);
    }

    @Override
    public Future<SmsNote> sendPersonal(Appeal appeal, String text, String actor) {
        return next.sendPersonal(appeal, text, actor);
    }
}
