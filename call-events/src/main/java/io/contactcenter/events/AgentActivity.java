package io.contactcenter.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * An agent's status or state changed, or the agent recorded a call's disposition (topic
 * {@link Topics#AGENT_ACTIVITY}, keyed by the agent id, produced by the agent directory).
 *
 * @param agentVersion increases with every change of the agent in the directory: a consumer keeps the record with
 *                     the highest one, whatever order records of different partitions arrive in
 * @param departments the ids of the agent's departments at the time of the change
 * @param status {@code AVAILABLE}, {@code AWAY} or {@code OFFLINE} (the agent's own choice)
 * @param state {@code IDLE}, {@code RESERVED} (a call is offered: ringing), {@code ON_CALL} or {@code WRAP_UP}
 * @param callId the call the change concerns (offered, answered, ended, disposed), null when none
 * @param wrapUpUntil the end of wrap-up, for {@code WRAP_UP}
 * @param disposition the disposition code, for {@link AgentActivityKind#DISPOSITION} only (never the agent's note)
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentActivity(
        String eventId,
        int version,
        AgentActivityKind kind,
        String agentId,
        long agentVersion,
        List<String> departments,
        String status,
        String state,
        String callId,
        Instant wrapUpUntil,
        String disposition,
        Instant at) {

    public static final int VERSION = 1;
}
