package io.contactcenter.directory.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AssignmentRepository implements PanacheRepositoryBase<CallAssignment, UUID> {

    public Optional<CallAssignment> liveForCall(String callId) {
        return find("callId = ?1 and state <> ?2", callId, AssignmentState.RELEASED).firstResultOptional();
    }

    public boolean agentHasLiveCall(UUID agentId) {
        return count("agentId = ?1 and state <> ?2", agentId, AssignmentState.RELEASED) > 0;
    }

    /** The latest assignment of this agent to this call, locked for update. */
    public Optional<CallAssignment> lockLatest(String callId, UUID agentId) {
        return find("callId = ?1 and agentId = ?2 order by claimedAt desc", callId, agentId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public Optional<CallAssignment> liveForAgent(UUID agentId) {
        return find("agentId = ?1 and state <> ?2", agentId, AssignmentState.RELEASED).firstResultOptional();
    }

    /** The agent's most recent answered call that ended (completed), if any. */
    public Optional<CallAssignment> lastCompletedForAgent(UUID agentId) {
        return find("agentId = ?1 and outcome = ?2 and answeredAt is not null order by releasedAt desc", agentId,
                ReleaseOutcome.COMPLETED).firstResultOptional();
    }

    /** The agent's answered call {@code callId} (ended or not). */
    public Optional<CallAssignment> answeredCall(String callId, UUID agentId) {
        return find("callId = ?1 and agentId = ?2 and answeredAt is not null order by claimedAt desc", callId, agentId)
                .firstResultOptional();
    }

    /**
     * The agent's calls handled (answered and ended) in {@code [from, to)}: how many, and their average handle time
     * (answered to released) in seconds, null when none.
     */
    public HandledCalls handled(UUID agentId, Instant from, Instant to) {
        Object[] row = (Object[]) getEntityManager().createNativeQuery("""
                select count(*), avg(extract(epoch from released_at - answered_at))
                  from directory.assignment
                 where agent_id = :agent and answered_at is not null and released_at >= :from and released_at < :to
                """)
                .setParameter("agent", agentId).setParameter("from", from).setParameter("to", to)
                .getSingleResult();
        return new HandledCalls(((Number) row[0]).longValue(), row[1] == null ? null : ((Number) row[1]).doubleValue());
    }

    /** Calls handled and their average handle time in seconds (null when none). */
    public record HandledCalls(long count, Double averageSeconds) {
    }

    public Optional<CallAssignment> latestForCall(String callId) {
        return find("callId = ?1 order by claimedAt desc", callId).firstResultOptional();
    }
}
