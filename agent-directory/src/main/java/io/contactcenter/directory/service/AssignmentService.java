package io.contactcenter.directory.service;

import io.contactcenter.directory.config.DirectoryConfig;
import io.contactcenter.directory.domain.Agent;
import io.contactcenter.directory.domain.AgentRepository;
import io.contactcenter.directory.domain.AgentRepository.NewAssignment;
import io.contactcenter.directory.domain.AgentState;
import io.contactcenter.directory.domain.AgentStatus;
import io.contactcenter.directory.domain.AssignmentRepository;
import io.contactcenter.directory.domain.AssignmentState;
import io.contactcenter.directory.domain.CallDirection;
import io.contactcenter.directory.domain.CallAssignment;
import io.contactcenter.directory.domain.ReleaseOutcome;
import io.contactcenter.directory.rest.AssignmentView;
import io.contactcenter.directory.rest.ClaimRequest;
import io.contactcenter.directory.rest.ClaimResult;
import io.contactcenter.support.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Claims and releases agents for calls. Correct with any number of concurrent requests and directory replicas:
 * the claim locks the chosen agent row ({@code FOR UPDATE SKIP LOCKED}), and two partial unique indexes make
 * "one live agent per call" and "one live call per agent" facts the database enforces.
 */
@ApplicationScoped
public class AssignmentService {

    private static final Logger LOG = Logger.getLogger(AssignmentService.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int CLAIM_TRIES = 3;

    private final AgentRepository agents;
    private final AssignmentRepository assignments;
    private final DepartmentService departments;
    private final DirectoryConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final AgentChanges changes;

    public AssignmentService(AgentRepository agents, AssignmentRepository assignments, DepartmentService departments,
            DirectoryConfig config, Clock clock, MeterRegistry metrics, AgentChanges changes) {
        this.agents = agents;
        this.assignments = assignments;
        this.departments = departments;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.changes = changes;
    }

    /**
     * The agent for this call (or for its transfer {@code transferId}): the one it already holds, else the named
     * {@code agentId} when free, or the longest-idle available agent of the department not in {@code excludeAgentIds},
     * else none. A claim racing another claim for the call collides on the per-call unique index; its retry finds the
     * winner's agent.
     */
    public ClaimResult claim(ClaimRequest request) {
        List<UUID> excluded = request.excludeAgentIds() == null ? List.of() : request.excludeAgentIds();
        for (int attempt = 1; ; attempt++) {
            try {
                ClaimResult result = QuarkusTransaction.requiringNew()
                        .call(() -> claimOnce(request, excluded));
                metrics.counter("directory_claims", "result", result.assigned() ? "assigned" : "none").increment();
                return result;
            } catch (RuntimeException e) {
                if (attempt >= CLAIM_TRIES || !isUniqueViolation(e)) {
                    throw e;
                }
                LOG.debugf("claim for call %s collided with a live assignment, retrying", request.callId());
            }
        }
    }

    /**
     * One try: the reserving statement first (it reserves nobody for a call that holds an agent already, so a retry
     * after a collision finds the winner's agent below), the call's live assignment only when nobody was reserved, the
     * department's existence (404) only when the call holds nobody either.
     */
    private ClaimResult claimOnce(ClaimRequest request, List<UUID> excluded) {
        NewAssignment assignment = new NewAssignment(UUID.randomUUID(), request.callId(), request.departmentId(),
                clock.instant(), request.callerNumber(), request.waitingSince(), request.attempt(),
                request.transferId());
        Optional<Agent> reserved = agents.reserve(assignment, request.agentId(), excluded);
        if (reserved.isPresent()) {
            changes.reserved(reserved.get(), request.callId());
            return new ClaimResult(request.callId(), request.departmentId(), true, Views.of(reserved.get()));
        }
        return held(request).orElseGet(() -> new ClaimResult(request.callId(),
                departments.find(request.departmentId()).id, false, null));
    }

    /** The agent the call (or its transfer) holds already. */
    private Optional<ClaimResult> held(ClaimRequest request) {
        return assignments.liveForCall(request.callId(), request.transferId()).map(live -> new ClaimResult(
                request.callId(), live.departmentId, true, Views.of(agents.findById(live.agentId))));
    }

    /** The agent answered: ON_CALL. Repeating it is harmless; answering a released assignment is a conflict. */
    @Transactional
    public AssignmentView answered(String callId, UUID agentId) {
        CallAssignment assignment = lockUnreleased(callId, agentId);
        if (assignment.state == AssignmentState.RESERVED) {
            Agent agent = agents.lockById(agentId);
            assignment.state = AssignmentState.ON_CALL;
            assignment.answeredAt = clock.instant();
            agent.enter(AgentState.ON_CALL, assignment.answeredAt);
            agent.consecutiveNoAnswers = 0;
            changes.stateChanged(agent, callId);
        }
        return Views.of(assignment);
    }

    /**
     * Routing still uses the reservation (it waited long before the agent's leg could be created: a callback ringing
     * the caller, the Voice API failing): the stuck-agent bound counts from now. Renewing an answered one changes
     * nothing; a released one (the bound passed, or a release) is a conflict: the agent may have another call now.
     */
    @Transactional
    public AssignmentView renewed(String callId, UUID agentId) {
        CallAssignment assignment = lockUnreleased(callId, agentId);
        if (assignment.state == AssignmentState.RESERVED) {
            assignment.renewedAt = clock.instant();
        }
        return Views.of(assignment);
    }

    /**
     * Ends the assignment. COMPLETED: the agent wraps up for the department's wrap-up time (a stored deadline,
     * so a restart does not lose it). NO_ANSWER: idle again at the back of the line; after
     * {@code no-answers-before-away} in a row the agent is set AWAY. CANCELLED (the caller left while the agent
     * rang): idle again, keeping its place and its no-answer count. Releasing twice changes nothing.
     */
    @Transactional
    public AssignmentView release(String callId, UUID agentId, ReleaseOutcome outcome) {
        CallAssignment assignment = lockAssignment(callId, agentId);
        Agent agent = releaseLocked(assignment, outcome);
        boolean free = agent != null && agent.status == AgentStatus.AVAILABLE && agent.state == AgentState.IDLE;
        return Views.of(assignment, free ? List.copyOf(agent.departmentIds) : List.of());
    }

    /**
     * {@link #release} of an assignment the caller's transaction holds locked; nothing when already released. Returns
     * the agent it freed (null when it was released already or the agent is deleted).
     */
    Agent releaseLocked(CallAssignment assignment, ReleaseOutcome outcome) {
        if (assignment.state == AssignmentState.RELEASED) {
            return null;
        }
        Instant now = clock.instant();
        Agent agent = agents.lockById(assignment.agentId);
        assignment.state = AssignmentState.RELEASED;
        assignment.outcome = outcome;
        assignment.releasedAt = now;
        metrics.counter("directory_releases", "outcome", outcome.name()).increment();
        if (agent == null) {
            return null; // deleted meanwhile: nothing to free
        }
        if (outcome == ReleaseOutcome.COMPLETED) {
            int wrapUp = departmentWrapUp(assignment.departmentId);
            agent.consecutiveNoAnswers = 0;
            agent.lastIdleAt = now.plusSeconds(wrapUp);
            agent.enter(wrapUp > 0 ? AgentState.WRAP_UP : AgentState.IDLE, now);
            agent.wrapUpUntil = wrapUp > 0 ? agent.lastIdleAt : null;
        } else if (outcome == ReleaseOutcome.CANCELLED) {
            // back to IDLE with its place in the line kept: the reservation was not the agent's doing
            agent.enter(AgentState.IDLE, now);
        } else {
            agent.consecutiveNoAnswers++;
            agent.lastIdleAt = now;
            agent.enter(AgentState.IDLE, now);
            if (agent.consecutiveNoAnswers >= config.noAnswersBeforeAway() && agent.status == AgentStatus.AVAILABLE) {
                agent.status = AgentStatus.AWAY;
                LOG.infof("agent %s set AWAY after %d unanswered calls in a row", agent.id, agent.consecutiveNoAnswers);
            }
        }
        changes.stateChanged(agent, assignment.callId);
        return agent;
    }

    /** The agent's own leg of its live call, as its call events name it (kept for {@link StuckAgents}). */
    @Transactional
    public void recordAgentLeg(String callId, UUID agentId, String legId) {
        assignments.recordAgentLeg(callId, agentId, legId);
    }

    /**
     * The in-app agent's own call to {@code to} was allowed: an OUTBOUND assignment, ON_CALL at once (no inbound
     * call is offered meanwhile), released like any other when the call ends. Call inside the allowing transaction,
     * with the agent locked and neither reserved nor on a call.
     */
    void startOutbound(Agent agent, String callId, String to, Instant now) {
        CallAssignment assignment = new CallAssignment();
        assignment.id = UUID.randomUUID();
        assignment.callId = callId;
        assignment.agentId = agent.id;
        assignment.departmentId = agent.departmentIds.iterator().next();
        assignment.state = AssignmentState.ON_CALL;
        assignment.direction = CallDirection.OUTBOUND;
        assignment.callerNumber = to;
        assignment.claimedAt = now;
        assignment.answeredAt = now;
        assignments.persist(assignment);
        agent.enter(AgentState.ON_CALL, now);
        agent.wrapUpUntil = null;
        changes.stateChanged(agent, callId);
    }

    @Transactional
    public AssignmentView latest(String callId) {
        return assignments.latestForCall(callId).map(Views::of)
                .orElseThrow(() -> ProblemException.notFound("no assignment for call " + callId));
    }

    /** {@link #lockAssignment}, refused (409) when already released: the agent may be on another call by now. */
    private CallAssignment lockUnreleased(String callId, UUID agentId) {
        CallAssignment assignment = lockAssignment(callId, agentId);
        if (assignment.state == AssignmentState.RELEASED) {
            throw ProblemException.conflict("the assignment of agent " + agentId + " to call " + callId
                    + " was already released (" + assignment.outcome + ")");
        }
        return assignment;
    }

    private CallAssignment lockAssignment(String callId, UUID agentId) {
        return assignments.lockLatest(callId, agentId).orElseThrow(
                () -> ProblemException.notFound("agent " + agentId + " was never assigned to call " + callId));
    }

    private int departmentWrapUp(UUID departmentId) {
        try {
            return departments.find(departmentId).wrapUpSeconds;
        } catch (ProblemException departmentDeleted) {
            return 0;
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (cause instanceof PersistenceException && cause.getCause() == null) {
                return false;
            }
        }
        return false;
    }
}
