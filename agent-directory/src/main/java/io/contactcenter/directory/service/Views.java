package io.contactcenter.directory.service;

import io.contactcenter.directory.domain.Agent;
import io.contactcenter.directory.domain.CallAssignment;
import io.contactcenter.directory.rest.AgentView;
import io.contactcenter.directory.rest.AssignmentView;
import io.contactcenter.directory.rest.EndpointDto;
import java.util.List;
import java.util.UUID;

/** Entity → API view; entities never leave the service layer. */
final class Views {

    private Views() {
    }

    static AgentView of(Agent a) {
        return new AgentView(a.id, a.name, List.copyOf(a.departmentIds), new EndpointDto(a.endpointType, a.endpointValue),
                a.status, a.state, a.lastIdleAt, a.wrapUpUntil, a.consecutiveNoAnswers, a.vonageUserId, a.supervisor,
                a.passwordHash != null);
    }

    static AssignmentView of(CallAssignment a) {
        return of(a, List.of());
    }

    static AssignmentView of(CallAssignment a, List<UUID> agentFreeIn) {
        return new AssignmentView(a.callId, a.agentId, a.departmentId, a.state, a.outcome, a.claimedAt,
                a.answeredAt, a.releasedAt, agentFreeIn);
    }
}
