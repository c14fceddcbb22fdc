package io.contactcenter.gateway.service;

import io.contactcenter.events.CallEvent;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
import io.contactcenter.gateway.config.GatewayConfig;
import io.contactcenter.gateway.messaging.EventPublisher;
import io.contactcenter.gateway.security.SignatureVerifier;
import io.contactcenter.support.problem.ProblemException;
import io.contactcenter.support.webhook.GatewayWebhooks;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every Vonage event (with or without {@code status}) normalized into a CallEvent and acknowledged by Kafka
 * before Vonage gets its 204; otherwise 503 so that Vonage retries. Agent legs (routing sets
 * {@code ?call=<callId>&agent=<agentId>&region=<regionUrl>} on their event_url) are keyed by the caller's call id
 * and carry the caller's region.
 */
@ApplicationScoped
public class StatusEventService {

    /** Vonage fields kept in {@code detail} (Vonage name → detail key). */
    private static final List<String[]> DETAIL_FIELDS = List.of(
            new String[] {"detail", "detail"},
            new String[] {"duration", "duration"},
            new String[] {"disconnected_by", "disconnectedBy"},
            new String[] {"sip_code", "sipCode"},
            new String[] {"direction", "direction"},
            new String[] {"start_time", "startTime"},
            new String[] {"end_time", "endTime"},
            new String[] {"rate", "rate"},
            new String[] {"price", "price"},
            new String[] {"network", "network"},
            new String[] {"sub_state", "subState"},
            new String[] {"reason", "reason"},
            new String[] {"recording_url", "recordingUrl"},
            new String[] {"recording_uuid", "recordingUuid"},
            new String[] {"size", "size"},
            new String[] {"conversation_uuid_from", "conversationUuidFrom"},
            new String[] {"conversation_uuid_to", "conversationUuidTo"});

    private final EventPublisher publisher;
    private final GatewayConfig config;

    public StatusEventService(EventPublisher publisher, GatewayConfig config) {
        this.publisher = publisher;
        this.config = config;
    }

    /**
     * @param callParam the caller's call id from an event_url routing or survey built, else null
     * @param agentParam the agent of that leg, else null
     * @param roleParam {@code monitor} on a supervisor's monitor leg routing built, else null
     * @param regionParam the call's region from an event_url routing built ({@code &region=}), else null
     * @param rawBody the body as received (identifies a re-delivery when Vonage sent no timestamp)
     * @return whether Kafka acknowledged the event in time
     */
    public boolean event(Payload payload, String callParam, String agentParam, String roleParam, String regionParam,
            byte[] rawBody) {
        String regionUrl = AnswerService.regionUrl(regionParam);
        String uuid = payload.id("uuid");
        String legId = uuid != null ? uuid : payload.id("call_uuid");
        if ((callParam != null && callParam.length() > 200) || (agentParam != null && agentParam.length() > 200)) {
            throw ProblemException.badRequest("query parameters 'call' and 'agent' are at most 200 characters");
        }
        // ?call=&agent= : an agent leg; ?call= alone : an event about the caller's call that routing or survey asked
        // for on one of its actions (e.g. a voicemail record event, which carries no uuid)
        boolean agentLeg = callParam != null && agentParam != null;
        // ?call=&role=monitor : a supervisor's leg, which is neither the caller nor an agent
        boolean monitorLeg = callParam != null && GatewayWebhooks.MONITOR.equals(roleParam);
        if (callParam == null && legId == null) {
            throw ProblemException.badRequest("field 'uuid' is required");
        }
        String callId = callParam != null ? callParam : legId;
        String statusWord = payload.text("status");
        CallStatus status = CallStatus.fromVonage(statusWord);
        Instant occurredAt = payload.instant("timestamp");
        Payload.Dtmf dtmf = payload.dtmf();

        Map<String, String> detail = new LinkedHashMap<>();
        if (status == null) {
            detail.put("type", typeOf(payload));
        } else if (status == CallStatus.UNKNOWN) {
            detail.put("vonageStatus", statusWord);
        }
        for (String[] field : DETAIL_FIELDS) {
            String value = payload.scalar(field[0]);
            if (value != null) {
                detail.put(field[1], value);
            }
        }
        String what = statusWord != null ? statusWord : detail.get("type");
        String eventId = occurredAt != null
                ? EventIds.of(EventKind.STATUS, callId, legId, what, occurredAt)
                : EventIds.of(EventKind.STATUS, callId, legId, what, "body", SignatureVerifier.sha256Hex(rawBody == null ? new byte[0] : rawBody));
        Role role = monitorLeg ? Role.MONITOR : agentLeg ? Role.AGENT : Role.CALLER;
        CallEvent event = new CallEvent(eventId, CallEvent.VERSION, callId, legId, role,
                agentLeg ? agentParam : null, EventKind.STATUS, status, dtmf.pressed(), dtmf.timedOut(),
                payload.text("from"), payload.text("to"), payload.text("conversation_uuid"), regionUrl, occurredAt,
                Instant.now(), detail.isEmpty() ? null : detail);
        return publisher.publishAndWait(event, config.kafka().ackTimeout());
    }

    /** What a status-less event is (notes §4.2). */
    static String typeOf(Payload payload) {
        String declared = payload.scalar("type");
        if (declared != null) {
            return declared;
        }
        if (payload.has("conversation_uuid_from") || payload.has("conversation_uuid_to")) {
            return "transfer";
        }
        if (payload.has("dtmf") || payload.has("speech")) {
            return "input";
        }
        if (payload.has("recording_url")) {
            return "record";
        }
        if (payload.has("reason")) {
            return "error";
        }
        return "unknown";
    }
}
