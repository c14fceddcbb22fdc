package io.contactcenter.directory.rest;

import io.contactcenter.directory.domain.AgentState;
import io.contactcenter.directory.domain.AgentStatus;
import io.contactcenter.directory.domain.CallDirection;
import java.time.Instant;
import java.util.UUID;

/**
 * What the agent's desk shows, sent on the agent's stream after every change. {@code offer} while RESERVED (ringing),
 * {@code call} while ON_CALL, {@code pendingDisposition} after an answered call until its disposition is recorded;
 * {@code version} is the agent's change counter (agent-activity's {@code agentVersion}).
 */
public record AgentSnapshot(UUID agentId, String name, AgentStatus status, AgentState state, Instant since,
        Instant wrapUpUntil, Offer offer, Call call, PendingDisposition pendingDisposition, long version) {

    /** The call offered to the agent (screen pop). */
    public record Offer(String callId, UUID departmentId, String departmentName, String callerNumber,
            Instant waitingSince, Integer attempt) {
    }

    /** The call the agent is on; for an outbound call {@code callerNumber} is the number dialled. */
    public record Call(String callId, UUID departmentId, String departmentName, String callerNumber,
            CallDirection direction, Instant since) {
    }

    /** The agent's last answered call, still without a disposition. */
    public record PendingDisposition(String callId, UUID departmentId, Instant endedAt) {
    }
}
