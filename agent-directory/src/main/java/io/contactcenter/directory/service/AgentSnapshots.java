package io.contactcenter.directory.service;

import io.contactcenter.directory.domain.Agent;
import io.contactcenter.directory.domain.AgentRepository;
import io.contactcenter.directory.domain.AgentState;
import io.contactcenter.directory.domain.AssignmentRepository;
import io.contactcenter.directory.domain.AssignmentState;
import io.contactcenter.directory.domain.CallAssignment;
import io.contactcenter.directory.domain.Department;
import io.contactcenter.directory.domain.DepartmentRepository;
import io.contactcenter.directory.domain.DispositionRepository;
import io.contactcenter.directory.rest.AgentSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/** The agent's snapshot as its desk shows it, read from the database (so it is the same on every replica). */
@ApplicationScoped
public class AgentSnapshots {

    private final AgentRepository agents;
    private final AssignmentRepository assignments;
    private final DepartmentRepository departments;
    private final DispositionRepository dispositions;

    public AgentSnapshots(AgentRepository agents, AssignmentRepository assignments, DepartmentRepository departments,
            DispositionRepository dispositions) {
        this.agents = agents;
        this.assignments = assignments;
        this.departments = departments;
        this.dispositions = dispositions;
    }

    /** The agent's snapshot; empty when the agent does not exist (any more). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<AgentSnapshot> of(UUID agentId) {
        Agent agent = agents.findById(agentId);
        if (agent == null) {
            return Optional.empty();
        }
        CallAssignment live = assignments.liveForAgent(agentId).orElse(null);
        AgentSnapshot.Offer offer = null;
        AgentSnapshot.Call call = null;
        if (live != null && live.state == AssignmentState.RESERVED) {
            offer = new AgentSnapshot.Offer(live.callId, live.departmentId, departmentName(live.departmentId),
                    live.callerNumber, live.waitingSince, live.attempt);
        } else if (live != null) {
            call = new AgentSnapshot.Call(live.callId, live.departmentId, departmentName(live.departmentId),
                    live.callerNumber, live.direction, live.answeredAt);
        }
        AgentSnapshot.PendingDisposition pending = assignments.lastCompletedForAgent(agentId)
                .filter(ended -> !dispositions.exists(ended.callId, agentId))
                .map(ended -> new AgentSnapshot.PendingDisposition(ended.callId, ended.departmentId, ended.releasedAt))
                .orElse(null);
        return Optional.of(new AgentSnapshot(agent.id, agent.name, agent.status, agent.state, agent.stateSince,
                agent.state == AgentState.WRAP_UP ? agent.wrapUpUntil : null, offer, call, pending, agent.version));
    }

    private String departmentName(UUID departmentId) {
        Department department = departments.findById(departmentId);
        return department == null ? null : department.name;
    }
}
