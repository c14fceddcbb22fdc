package io.contactcenter.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * A step of routing one call (topic {@link Topics#CALL_ASSIGNMENTS}).
 *
 * @param agentId the agent of this attempt, null for {@link AssignmentOutcome#NO_AGENT}
 * @param agentLegId the Vonage uuid of the agent's leg, once created
 * @param attempt 1 for the first agent tried for the call, 2 for the next, ...
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Assignment(
        String eventId,
        int version,
        String callId,
        String department,
        String agentId,
        String agentLegId,
        AssignmentOutcome outcome,
        int attempt,
        Instant at) {

    public static final int VERSION = 1;
}
