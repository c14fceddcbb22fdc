package io.contactcenter.gateway.service;

import io.contactcenter.events.CallEvent;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.directory.client.DirectoryModel.Department;
import io.contactcenter.gateway.config.GatewayConfig;
import io.contactcenter.gateway.messaging.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The IVR menu's input webhook. A digit of the menu parks the caller in {@code cc-<callId>} once routing has the
 * route request (Kafka acknowledged); without that acknowledgement the caller gets the degraded-mode NCCO, never a
 * wait for an agent nobody will send. A digit of a department outside its opening hours says when it opens and offers a
 * callback at that opening and a voicemail ({@link Nccos#closed}). Anything else re-prompts until the last attempt, then says goodbye.
 */
@ApplicationScoped
public class MenuInputService {

    private static final Logger LOG = Logger.getLogger(MenuInputService.class);

    private final MenuCache menus;
    private final Nccos nccos;
    private final EventPublisher publisher;
    private final WebhookMetrics metrics;
    private final GatewayConfig config;
    private final DepartmentHours hours;

    public MenuInputService(MenuCache menus, Nccos nccos, EventPublisher publisher, WebhookMetrics metrics,
            GatewayConfig config, DepartmentHours hours) {
        this.menus = menus;
        this.nccos = nccos;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
        this.hours = hours;
    }

    /**
     * @param attempt which menu attempt this input answers (1 = the first menu)
     * @param regionUrl the call's region from our signed eventUrl, when known
     */
    public WebhookReply input(Payload payload, int attempt, String regionUrl) {
        String callId = payload.required("uuid");
        regionUrl = AnswerService.regionUrl(regionUrl);
        Payload.Dtmf dtmf = payload.dtmf();
        Instant occurredAt = payload.instant("timestamp");
        // from Vonage's signed body, never from a URL (no caller numbers in URLs)
        String callerNumber = payload.text("from");
        // every field is read (and so checked) before anything is published: a malformed webhook has no side effect
        String to = payload.text("to");
        String conversationUuid = payload.text("conversation_uuid");
        Menu menu = menus.menu();
        Optional<Department> department = menu.forDigits(dtmf.pressed());

        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("attempt", Integer.toString(attempt));
        WebhookReply result;
        Optional<DepartmentHours.Closed> closed = department.flatMap(hours::closedNow);
        if (closed.isPresent()) {
            // outside opening hours: nobody is asked to route; a message instead (DepartmentHours, Nccos.closed)
            detail.put("outcome", "CLOSED");
            detail.put("department", department.get().id());
            result = new WebhookReply(nccos.closed(department.get(), closed.get(), callId, callerNumber, regionUrl),
                    "closed");
        } else if (department.isPresent()) {
            Department chosen = department.get();
            detail.put("outcome", "ROUTED");
            detail.put("department", chosen.id());
            RouteRequest request = new RouteRequest(EventIds.of("route", callId, attempt, dtmf.pressed(), occurredAt),
                    RouteRequest.VERSION, callId, chosen.id(), callerNumber, RouteRequest.conversationNameFor(callId),
                    regionUrl, Instant.now());
            if (publisher.publishAndWait(request, config.kafka().routeAckTimeout())) {
                result = new WebhookReply(nccos.connecting(chosen, callId), "routed");
            } else {
                detail.put("degraded", "true");
                metrics.degraded("route_request_not_acknowledged");
                LOG.errorf("call %s: route request to %s not acknowledged, degraded-mode answer", callId, chosen.id());
                result = new WebhookReply(nccos.degraded(), "degraded");
            }
        } else if (attempt < config.menu().maxAttempts() && !menu.isEmpty()) {
            detail.put("outcome", "RETRY");
            result = new WebhookReply(nccos.menu(menu, attempt + 1, regionUrl, config.menu().retryPrompt()), "retry");
        } else {
            detail.put("outcome", "GOODBYE");
            result = new WebhookReply(nccos.talk(config.menu().goodbye()), "goodbye");
        }

        CallEvent event = new CallEvent(EventIds.of(EventKind.MENU_INPUT, callId, attempt, dtmf.pressed(), occurredAt),
                CallEvent.VERSION, callId, callId, Role.CALLER, null, EventKind.MENU_INPUT, null, dtmf.pressed(),
                dtmf.timedOut(), callerNumber, to, conversationUuid, regionUrl,
                occurredAt, Instant.now(), detail);
        publisher.publishInBackground(event);
        return result;
    }
}
