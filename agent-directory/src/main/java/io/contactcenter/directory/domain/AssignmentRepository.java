package io.contactcenter.directory.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AssignmentRepository implements PanacheRepositoryBase<CallAssignment, UUID> {

    /** The call's live assignment outside any transfer ({@code transferId} null), or the one of that transfer. */
    public Optional<CallAssignment> liveForCall(String callId, String transferId) {
        return transferId == null
                ? find("callId = ?1 and state <> ?2 and transferId is null", callId, AssignmentState.RELEASED)
                        .firstResultOptional()
                : find("callId = ?1 and state <> ?2 and transferId = ?3", callId, AssignmentState.RELEASED, transferId)
                        .firstResultOptional();
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

    /**
     * Reservations neither answered nor released within their department's ringing timeout plus {@code margin} after
     * their claim or last renewal
     * (60 s for a department deleted meanwhile), oldest first, locked; rows another replica holds are skipped.
     */
    @SuppressWarnings("unchecked")
    public List<CallAssignment> lockExpiredReservations(Instant now, Duration margin, int limit) {
        return getEntityManager().createNativeQuery("""
                select a.* from directory.assignment a left join directory.department d on d.id = a.department_id
                 where a.state = 'RESERVED'
                   and coalesce(a.renewed_at, a.claimed_at) < cast(:now as timestamptz)
                       - make_interval(secs => cast(coalesce(d.ringing_timeout_seconds, 60) + :margin as double precision))
                 order by a.claimed_at
                 limit :limit
                   for update of a skip locked""", CallAssignment.class)
                .setParameter("now", now).setParameter("margin", margin.toSeconds()).setParameter("limit", limit)
                .getResultList();
    }

    /**
     * ON_CALL assignments answered before {@code answeredBefore} and not checked since {@code checkedBefore}, with
     * the leg to ask Vonage about, oldest first, locked; rows another replica holds are skipped.
     */
    public List<CallAssignment> lockOnCallToCheck(Instant answeredBefore, Instant checkedBefore, int limit) {
        return find("state = ?1 and answeredAt < ?2 and (legCheckedAt is null or legCheckedAt < ?3)"
                + " and (agentLegId is not null or direction = ?4) order by answeredAt",
                AssignmentState.ON_CALL, answeredBefore, checkedBefore, CallDirection.OUTBOUND)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED
                .page(0, limit).list();
    }

    /** Remembers the agent's own leg of its live assignment to the call (the first one its events name). */
    public int recordAgentLeg(String callId, UUID agentId, String legId) {
        // native: Hibernate translates a bulk HQL update again on every execution, and this runs once per agent leg
        return getEntityManager().createNativeQuery("""
                update directory.assignment set agent_leg_id = :leg
                 where call_id = :call and agent_id = :agent and state <> 'RELEASED' and agent_leg_id is null""")
                .setParameter("leg", legId).setParameter("call", callId).setParameter("agent", agentId)
                .executeUpdate();
    }
}
