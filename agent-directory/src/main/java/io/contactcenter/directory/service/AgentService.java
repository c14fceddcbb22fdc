package io.contactcenter.directory.service;

import io.contactcenter.directory.domain.Agent;
import io.contactcenter.directory.domain.AgentRepository;
import io.contactcenter.directory.domain.AgentState;
import io.contactcenter.directory.domain.AgentStatus;
import io.contactcenter.directory.domain.AssignmentRepository;
import io.contactcenter.directory.domain.EndpointType;
import io.contactcenter.directory.rest.AgentRequest;
import io.contactcenter.directory.rest.AgentView;
import io.contactcenter.directory.rest.EndpointDto;
import io.contactcenter.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

@ApplicationScoped
public class AgentService {

    private static final Pattern E164 = Pattern.compile("\\+?[1-9][0-9]{6,14}");
    private static final Pattern APP_USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern SIP_URI = Pattern.compile("sips?:[^\\s@]+@[^\\s]+");

    private final AgentRepository agents;
    private final AssignmentRepository assignments;
    private final DepartmentService departments;
    private final Clock clock;
    private final AgentChanges changes;

    public AgentService(AgentRepository agents, AssignmentRepository assignments, DepartmentService departments,
            Clock clock, AgentChanges changes) {
        this.agents = agents;
        this.assignments = assignments;
        this.departments = departments;
        this.clock = clock;
        this.changes = changes;
    }

    @Transactional
    public List<AgentView> list(String appUser) {
        List<Agent> found = appUser == null ? agents.listByName() : agents.byEndpoint(EndpointType.APP, appUser);
        return found.stream().map(Views::of).toList();
    }

    @Transactional
    public AgentView get(UUID id) {
        return Views.of(find(id));
    }

    @Transactional
    public AgentView create(AgentRequest request) {
        Agent agent = new Agent();
        agent.id = UUID.randomUUID();
        agent.state = AgentState.IDLE;
        agent.lastIdleAt = clock.instant();
        agent.stateSince = agent.lastIdleAt;
        agent.status = request.status() == null ? AgentStatus.AVAILABLE : request.status();
        apply(agent, request);
        agents.persist(agent);
        changes.stateChanged(agent, null);
        return Views.of(agent);
    }

    @Transactional
    public AgentView replace(UUID id, AgentRequest request) {
        Agent agent = agents.lockById(id);
        if (agent == null) {
            throw ProblemException.notFound("unknown agent " + id);
        }
        apply(agent, request);
        if (request.status() != null) {
            changeStatus(agent, request.status());
        }
        changes.stateChanged(agent, null);
        return Views.of(agent);
    }

    @Transactional
    public void delete(UUID id) {
        Agent agent = find(id);
        if (assignments.agentHasLiveCall(id)) {
            throw ProblemException.conflict("agent " + agent.name + " is on a call; delete after it ends");
        }
        agents.delete(agent);
    }

    @Transactional
    public AgentView setStatus(UUID id, AgentStatus status) {
        Agent agent = agents.lockById(id);
        if (agent == null) {
            throw ProblemException.notFound("unknown agent " + id);
        }
        changeStatus(agent, status);
        changes.stateChanged(agent, null);
        return Views.of(agent);
    }

    /** The agent is ready before its wrap-up runs out: IDLE now, queued from now. */
    @Transactional
    public void readyNow(UUID id) {
        Agent agent = agents.lockById(id);
        if (agent == null) {
            throw ProblemException.notFound("unknown agent " + id);
        }
        if (agent.state != AgentState.WRAP_UP) {
            throw ProblemException.conflict("agent " + agent.name + " is " + agent.state + ", not in wrap-up");
        }
        Instant now = clock.instant();
        agent.enter(AgentState.IDLE, now);
        agent.wrapUpUntil = null;
        agent.lastIdleAt = now;
        changes.stateChanged(agent, null);
    }

    /** Stores (or with null clears) the Vonage user id of an in-app agent; only app agents have one. */
    @Transactional
    public AgentView setVonageUser(UUID id, String vonageUserId) {
        Agent agent = agents.lockById(id);
        if (agent == null) {
            throw ProblemException.notFound("unknown agent " + id);
        }
        if (vonageUserId != null && agent.endpointType != EndpointType.APP) {
            throw ProblemException.conflict("agent " + agent.name + " is reached by " + agent.endpointType.json()
                    + ", not as an in-app user: only in-app agents have a Vonage user");
        }
        agent.vonageUserId = vonageUserId;
        return Views.of(agent);
    }

    /**
     * AWAY takes effect after the current call; OFFLINE means the agent is gone, which would strand a caller,
     * so it is refused while the agent is reserved for or on a call.
     */
    private void changeStatus(Agent agent, AgentStatus status) {
        if (status == AgentStatus.OFFLINE
                && (agent.state == AgentState.RESERVED || agent.state == AgentState.ON_CALL)) {
            throw ProblemException.conflict("agent " + agent.name + " is " + agent.state
                    + " and cannot go OFFLINE before the call ends; set AWAY to stop new calls");
        }
        if (status == AgentStatus.AVAILABLE && agent.status != AgentStatus.AVAILABLE) {
            agent.consecutiveNoAnswers = 0;
        }
        agent.status = status;
    }

    Agent find(UUID id) {
        Agent agent = id == null ? null : agents.findById(id);
        if (agent == null) {
            throw ProblemException.notFound("unknown agent " + id);
        }
        return agent;
    }

    private void apply(Agent agent, AgentRequest request) {
        EndpointDto endpoint = normalized(request.endpoint());
        if (agents.endpointTaken(endpoint.type(), endpoint.value(), agent.id)) {
            throw ProblemException.conflict("another agent already uses " + endpoint.type().json() + " endpoint "
                    + endpoint.value());
        }
        LinkedHashSet<UUID> departmentIds = new LinkedHashSet<>();
        for (UUID departmentId : request.departmentIds()) {
            departments.find(departmentId);
            departmentIds.add(departmentId);
        }
        agent.name = request.name().strip();
        if (request.supervisor() != null) {
            agent.supervisor = request.supervisor();
        }
        if (agent.endpointType != endpoint.type() || !endpoint.value().equals(agent.endpointValue)) {
            agent.vonageUserId = null; // a different endpoint is a different Vonage user (or none)
        }
        agent.endpointType = endpoint.type();
        agent.endpointValue = endpoint.value();
        agent.departmentIds.clear();
        agent.departmentIds.addAll(departmentIds);
    }

    private static EndpointDto normalized(EndpointDto endpoint) {
        String value = endpoint.value().strip();
        boolean valid = switch (endpoint.type()) {
            case PHONE -> E164.matcher(value).matches();
            case APP -> APP_USER.matcher(value).matches();
            case SIP -> SIP_URI.matcher(value).matches();
        };
        if (!valid) {
            throw ProblemException.badRequest(switch (endpoint.type()) {
                case PHONE -> "endpoint.value: '" + value + "' is not an E.164 phone number (e.g. +447700900000)";
                case APP -> "endpoint.value: '" + value + "' is not a valid in-app user name";
                case SIP -> "endpoint.value: '" + value + "' is not a SIP URI (sip:user@host)";
            });
        }
        return new EndpointDto(endpoint.type(), endpoint.type() == EndpointType.PHONE ? value.replace("+", "") : value);
    }
}
