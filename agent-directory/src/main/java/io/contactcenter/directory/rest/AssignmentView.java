package io.contactcenter.directory.rest;

import io.contactcenter.directory.domain.AssignmentState;
import io.contactcenter.directory.domain.ReleaseOutcome;
import java.time.Instant;
import java.util.UUID;

public record AssignmentView(String callId, UUID agentId, UUID departmentId, AssignmentState state,
        ReleaseOutcome outcome, Instant claimedAt, Instant answeredAt, Instant releasedAt) {
}
