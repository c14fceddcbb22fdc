package io.contactcenter.directory.rest;

import io.contactcenter.directory.domain.AssignmentState;
import io.contactcenter.directory.domain.ReleaseOutcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An assignment. {@code agentFreeIn}, in the answer to its release: the departments whose waiting calls the agent can
 * take at once (available and idle, no wrap-up), so routing offers the next call without waiting for the
 * {@code agent-activity} record; empty otherwise.
 */
public record AssignmentView(String callId, UUID agentId, UUID departmentId, AssignmentState state,
        ReleaseOutcome outcome, Instant claimedAt, Instant answeredAt, Instant releasedAt, List<UUID> agentFreeIn) {
}
