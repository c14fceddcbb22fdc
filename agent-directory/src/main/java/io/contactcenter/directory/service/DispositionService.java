package io.contactcenter.directory.service;

import io.contactcenter.directory.domain.Agent;
import io.contactcenter.directory.domain.AgentRepository;
import io.contactcenter.directory.domain.AssignmentRepository;
import io.contactcenter.directory.domain.CallAssignment;
import io.contactcenter.directory.domain.DispositionRepository;
import io.contactcenter.directory.domain.DispositionRepository.Choice;
import io.contactcenter.directory.domain.DispositionRepository.Recorded;
import io.contactcenter.directory.rest.DispositionChoice;
import io.contactcenter.directory.rest.DispositionRequest;
import io.contactcenter.directory.rest.DispositionView;
import io.contactcenter.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/** Departments' disposition lists (set by admins) and the dispositions agents record after their calls. */
@ApplicationScoped
public class DispositionService {

    static final int MAX_LISTED = 200;

    private final DispositionRepository dispositions;
    private final AssignmentRepository assignments;
    private final AgentRepository agents;
    private final DepartmentService departments;
    private final AgentChanges changes;
    private final Clock clock;

    public DispositionService(DispositionRepository dispositions, AssignmentRepository assignments,
            AgentRepository agents, DepartmentService departments, AgentChanges changes, Clock clock) {
        this.dispositions = dispositions;
        this.assignments = assignments;
        this.agents = agents;
        this.departments = departments;
        this.changes = changes;
        this.clock = clock;
    }

    @Transactional
    public List<DispositionChoice> choices(UUID departmentId) {
        departments.find(departmentId);
        return dispositions.choices(departmentId).stream().map(c -> new DispositionChoice(c.code(), c.label()))
                .toList();
    }

    @Transactional
    public List<DispositionChoice> replaceChoices(UUID departmentId, List<DispositionChoice> choices) {
        departments.find(departmentId);
        if (new HashSet<>(choices.stream().map(DispositionChoice::code).toList()).size() != choices.size()) {
            throw ProblemException.badRequest("disposition codes must be unique");
        }
        dispositions.replaceChoices(departmentId, choices.stream().map(c -> new Choice(c.code(), c.label().strip()))
                .toList());
        return choices(departmentId);
    }

    /** The agent's disposition of a call it answered; one per call (a second one is a conflict). */
    @Transactional
    public DispositionView record(UUID agentId, DispositionRequest request) {
        Agent agent = agents.lockById(agentId);
        if (agent == null) {
            throw ProblemException.notFound("unknown agent " + agentId);
        }
        CallAssignment call = assignments.answeredCall(request.callId(), agentId).orElseThrow(() ->
                ProblemException.notFound("agent " + agent.name + " did not answer call " + request.callId()));
        if (dispositions.choices(call.departmentId).stream().noneMatch(c -> c.code().equals(request.code()))) {
            throw ProblemException.badRequest("code: " + request.code() + " is not a disposition of the call's department");
        }
        String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        Recorded recorded = new Recorded(call.callId, request.code(), note, agentId, call.departmentId, clock.instant());
        if (!dispositions.record(recorded)) {
            throw ProblemException.conflict("call " + request.callId() + " already has a disposition");
        }
        changes.dispositionRecorded(agent, call.callId, recorded.code());
        return view(recorded);
    }

    @Transactional
    public List<DispositionView> recorded(UUID agentId, Instant from) {
        return dispositions.byAgent(agentId, from == null ? Instant.EPOCH : from, MAX_LISTED).stream()
                .map(DispositionService::view).toList();
    }

    private static DispositionView view(Recorded r) {
        return new DispositionView(r.callId(), r.code(), r.note(), r.agentId(), r.departmentId(), r.recordedAt());
    }
}
