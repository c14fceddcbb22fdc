package io.contactcenter.gateway.service;

import io.contactcenter.events.CallEvent;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
import io.contactcenter.directory.client.DirectoryModel.OutboundCall;
import io.contactcenter.gateway.config.GatewayConfig;
import io.contactcenter.gateway.messaging.EventPublisher;
import io.contactcenter.support.PhoneNumbers;
import io.contactcenter.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The answer webhook: the IVR menu for a caller, or a connect for an in-app agent's outbound call. A caller's menu never
 * waits for the directory (cached) or Kafka: the caller always hears something, and the CallEvent is re-sent in the
 * background. An agent's outbound call waits for the directory's decision (bounded, refused when it cannot answer).
 */
@ApplicationScoped
public class AnswerService {

    private static final Logger LOG = Logger.getLogger(AnswerService.class);
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,20}");

    private final MenuCache menus;
    private final OutboundCallCheck outboundCalls;
    private final Nccos nccos;
    private final EventPublisher publisher;
    private final WebhookMetrics metrics;
    private final GatewayConfig config;
    private final DepartmentHours hours;

    public AnswerService(MenuCache menus, OutboundCallCheck outboundCalls, Nccos nccos, EventPublisher publisher,
            WebhookMetrics metrics, GatewayConfig config, DepartmentHours hours) {
        this.menus = menus;
        this.outboundCalls = outboundCalls;
        this.nccos = nccos;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
        this.hours = hours;
    }

    public WebhookReply answer(Payload payload) {
        String uuid = payload.required("uuid");
        String from = payload.text("from");
        String fromUser = payload.text("from_user");
        String to = payload.text("to");
        String regionUrl = regionUrl(payload.text("region_url"));
        // every field is read (and so checked) before the directory is asked: a malformed webhook changes nothing
        String statusWord = payload.text("status");
        String conversationUuid = payload.text("conversation_uuid");
        Instant occurredAt = payload.instant("timestamp");
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("type", "answer");
        putIfPresent(detail, "endpointType", payload.text("endpoint_type"));

        WebhookReply answer;
        String agentId = null;
        if (fromUser != null) {
            detail.put("fromUser", fromUser);
            // the directory decides (agent AVAILABLE, allowed prefix, daily cap); unreachable → refused
            Optional<OutboundCall> allowed = to != null && PHONE.matcher(to).matches()
                    ? outboundCalls.allowed(uuid, fromUser, to) : Optional.empty();
            if (allowed.isPresent()) {
                agentId = allowed.get().agentId();
                detail.put("call", "agent-outbound");
                answer = new WebhookReply(nccos.agentCall(allowed.get().to()), "agent_call");
                LOG.infof("agent %s calls %s from the app", agentId, PhoneNumbers.mask(to));
            } else {
                detail.put("call", "agent-refused");
                answer = new WebhookReply(nccos.talk(config.agentCall().refusal()), "agent_refused");
                LOG.infof("refused outbound call of app user %s", fromUser);
            }
        } else {
            Menu menu = menus.menu();
            if (menu.isEmpty()) {
                metrics.degraded("no_menu");
                answer = new WebhookReply(config.degraded().fallbackNumber().filter(n -> !n.isBlank()).isPresent()
                        ? nccos.degraded() : nccos.talk(config.menu().unavailable()), "no_menu");
                LOG.warnf("call %s: no menu known (directory never reached, no fallback menu)", uuid);
            } else {
                Optional<DepartmentHours.Closed> allClosed = hours.allClosedNow(menu.departments());
                if (allClosed.isPresent()) {
                    detail.put("outcome", "CLOSED");
                    answer = new WebhookReply(nccos.allClosed(allClosed.get().whenOpens()), "closed");
                } else {
                    answer = new WebhookReply(nccos.menu(menu, 1, regionUrl, config.menu().greeting()),
                            menu.source() == Menu.Source.DIRECTORY ? "menu" : "fallback_menu");
                }
            }
        }

        CallEvent event = new CallEvent(EventIds.of("answer", uuid), CallEvent.VERSION, uuid, uuid, Role.CALLER, agentId,
                EventKind.STATUS, CallStatus.fromVonage(statusWord), null, null, from, to, conversationUuid, regionUrl,
                occurredAt, Instant.now(), detail);
        publisher.publishInBackground(event);
        return answer;
    }

    /** A Vonage region URL (http(s), at most 200 characters), else 400. */
    public static String regionUrl(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > 200) {
            throw ProblemException.badRequest("the region URL is too long");
        }
        if (isHttpUrl(value)) {
            return value;
        }
        throw ProblemException.badRequest("field 'region_url' must be an http(s) URL");
    }

    /** An absolute http(s) URL with a host. */
    static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
