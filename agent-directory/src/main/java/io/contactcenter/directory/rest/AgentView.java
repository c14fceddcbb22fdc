package io.contactcenter.directory.rest;

import io.contactcenter.directory.domain.AgentState;
import io.contactcenter.directory.domain.AgentStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record AgentView(UUID id, String name, List<UUID> departmentIds, EndpointDto endpoint, AgentStatus status,
        AgentState state, Instant lastIdleAt, Instant wrapUpUntil, int consecutiveNoAnswers, String vonageUserId,
        boolean supervisor, boolean hasPassword) {
}
