package ua.vikno.appeals;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import ua.vikno.config.Site;
import ua.vikno.config.Sms;
import ua.vikno.sms.EnqueueResult;
import ua.vikno.sms.OutgoingSms;
import ua.vikno.sms.SmsGateway;
import ua.vikno.sms.SmsStatusEvent;
import ua.vikno.sms.SmsStatusListener;
import ua.vikno.sms.SmsTemplates;

/**
 * Tells residents about their appeals by SMS: "registered" when an appeal is made and one message per status
 * change, rendered from the Ukrainian templates; keeps each message and its delivery status on the appeal.
 * Message ids are stable per change ({@code 2026-000123.registered.1}), so a retried notification is sent once.
 */
public final class SmsNotifications implements AppealNotifier, SmsStatusListener {
    private static final Logger LOG = LoggerFactory.getLogger(SmsNotifications.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final Map<AppealStatus, String> STATUS_UK = Map.of(
            AppealStatus.REGISTERED, "зареєстровано", AppealStatus.ASSIGNED, "передано виконавцю",
            AppealStatus.IN_PROGRESS, "в роботі", AppealStatus.RESOLVED, "виконано",
            AppealStatus.REJECTED, "відхилено", AppealStatus.REOPENED, "відкрито повторно");

    private final SmsGateway gateway;
    private final SmsTemplates templates;
    private final Site site;
    private final Function<String, Optional<String>> departmentName;
    private final ZoneId zone;
    private final Clock clock;
    private AppealService appeals;

    /** @param departmentName a department's display name by id, empty for an id that is not a department */
    public SmsNotifications(SmsGateway gateway, SmsTemplates templates, Site site,
                            Function<String, Optional<String>> departmentName,
                            ZoneId zone, Clock clock) {
        this.gateway = gateway;
        this.templates = templates;
        this.site = site;
        this.departmentName = departmentName;
        this.zone = zone;
        this.clock = clock;
    }

    /** Where delivery statuses are recorded; set once the service exists (it needs this notifier first). */
    public void attach(AppealService service) {
        this.appeals = service;
    }

    @Override
    public Future<Void> appealChanged(Appeal appeal, HistoryEntry change) {
        Optional<Sms.Template> template = templateFor(change);
        if (template.isEmpty()) {
            return Future.succeededFuture();
        }
        String text = templates.render(template.get(), values(appeal));
        String id = appeal.number() + "." + template.get().key() + "." + appeal.version();
        return send(appeal, id, template.get().key(), text).compose(note -> appeals.recordSms(appeal.number(), note)).mapEmpty();
    }

    @Override
    public Future<SmsNote> sendPersonal(Appeal appeal, String text, String actor) {
        String id = appeal.number() + ".personal." + UUID.randomUUID().toString().substring(0, 8);
        return send(appeal, id, "personal:" + actor, text);
    }

    @Override
    public void onStatus(SmsStatusEvent event) {
        // QUEUED is recorded with the note itself, which the gateway announces before that note is written
        if (appeals == null || event.reference().isEmpty() || event.status() == ua.vikno.sms.SmsStatus.QUEUED) {
            return;
        }
        String status = event.status().name().toLowerCase(java.util.Locale.ROOT)
                + (event.detail().isEmpty() ? "" : ": " + event.detail());
        appeals.updateSmsStatus(event.reference(), event.messageId(), status, event.at())
                .onFailure(e -> LOG.atWarn().addKeyValue("appeal", event.reference())
                        .log("could not record status {} of SMS {}: {}", status, event.messageId(), e.getMessage()));
    }

    private Future<SmsNote> send(Appeal appeal, String id, String reason, String text) {
        return gateway.enqueue(new OutgoingSms(id, appeal.phone(), text, appeal.number())).map(result -> {
            String status = result.outcome() == EnqueueResult.Outcome.SKIPPED
                    ? "skipped: " + result.reason() : "queued";
            return new SmsNote(id, reason, text, status, clock.instant());
        });
    }

    private Optional<Sms.Template> templateFor(HistoryEntry change) {
        if (change.action() == HistoryEntry.Action.CREATED) {
            return Optional.of(Sms.Template.REGISTERED);
        }
        if (change.action() != HistoryEntry.Action.STATUS && change.action() != HistoryEntry.Action.ASSIGNED) {
            return Optional.empty();
        }
        return change.to().flatMap(to -> switch (to) {
            case ASSIGNED -> Optional.of(Sms.Template.ASSIGNED);
            case IN_PROGRESS -> Optional.of(Sms.Template.IN_PROGRESS);
            case RESOLVED -> Optional.of(Sms.Template.RESOLVED);
            case REJECTED -> Optional.of(Sms.Template.REJECTED);
            case REOPENED -> Optional.of(Sms.Template.REOPENED);
            case REGISTERED -> Optional.<Sms.Template>empty();
        });
    }

    private Map<String, String> values(Appeal appeal) {
        return Map.of("number", appeal.number(), "status", STATUS_UK.get(appeal.status()),
                "department", appeal.assignee().flatMap(departmentName)
                        .or(() -> appeal.department().flatMap(departmentName)).orElse(site.name()),
                "office_phone", site.officePhone(), "date", DATE.format(appeal.createdAt().atZone(zone)),
                "site", site.name());
    }
}
