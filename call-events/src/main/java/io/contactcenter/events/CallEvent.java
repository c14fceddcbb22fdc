package io.contactcenter.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/**
 * One Vonage webhook about a leg of a call, normalized by the gateway (topic {@link Topics#CALL_EVENTS}).
 *
 * @param eventId deterministic id: the same Vonage webhook delivered twice has the same id
 * @param version schema version of this record, {@link #VERSION} when produced by this code
 * @param callId the Vonage uuid of the caller's inbound leg (the record key)
 * @param legId the Vonage uuid of the leg this event is about
 * @param agentId the agent of an {@link Role#AGENT} leg, else null
 * @param status Vonage's status word, null for events without one (input, transfer, error)
 * @param digits DTMF digits of an input event
 * @param timedOut whether the input ended because the caller pressed nothing
 * @param regionUrl the Vonage region that serves the call, when known
 * @param occurredAt Vonage's timestamp
 * @param receivedAt when the gateway received the webhook
 * @param detail other Vonage fields worth keeping (duration, detail, disconnected_by, ...)
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallEvent(
        String eventId,
        int version,
        String callId,
        String legId,
        Role role,
        String agentId,
        EventKind kind,
        CallStatus status,
        String digits,
        Boolean timedOut,
        String from,
        String to,
        String conversationUuid,
        String regionUrl,
        Instant occurredAt,
        Instant receivedAt,
        Map<String, String> detail) {

    public static final int VERSION = 1;
}
