package io.contactcenter.routing.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a waiting caller is told: their place in the department's FIFO (the same rows and order the queue serves, so
 * every replica counts alike) and the department's recent conversations the expected wait is computed from.
 */
@ApplicationScoped
public class WaitingCallRepository {

    private final EntityManager entityManager;

    public WaitingCallRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The departments that have callers waiting. */
    @SuppressWarnings("unchecked")
    public List<String> departmentsWithWaitingCallers() {
        return entityManager.createNativeQuery("""
                select distinct department_id from routed_call
                where state = 'WAITING' and not caller_gone and department_id is not null""").getResultList();
    }

    /**
     * A waiting call of the department whose place-in-line announcement is due ({@code intervalSeconds} after the
     * last one, or after it started waiting), locked; calls another worker holds are skipped.
     */
    public Optional<RoutedCall> lockDueAnnouncement(String departmentId, int intervalSeconds, Instant now) {
        return lockFirst("""
                where state = 'WAITING' and department_id = ?1 and not caller_gone and callback_number is null
                  and coalesce(next_announce_at, queued_at + make_interval(secs => ?2)) <= ?3
                order by queued_at""", departmentId, intervalSeconds, now);
    }

    /**
     * A waiting call of the department due its callback offer ({@code offerSeconds} after it started waiting; once;
     * never to a callback or a caller who left), locked; calls another worker holds are skipped.
     */
    public Optional<RoutedCall> lockDueCallbackOffer(String departmentId, int offerSeconds, Instant now) {
        return lockFirst("""
                where state = 'WAITING' and department_id = ?1 and not caller_gone
                  and callback_number is null and callback_offered_at is null
                  and queued_at + make_interval(secs => ?2) <= ?3
                order by queued_at""", departmentId, offerSeconds, now);
    }

    /**
     * A due callback ({@code CALLING_BACK}), locked: one whose leg is to be placed, or ({@code legPlaced}) one whose
     * leg rang past its time.
     */
    public Optional<RoutedCall> lockDueCallingBack(Instant now, boolean legPlaced) {
        return lockFirst("""
                where state = 'CALLING_BACK' and next_try_at <= ?1 and (callback_leg_id is not null) = ?2
                order by next_try_at""", now, legPlaced);
    }

    /** The first call of {@code where … order by …} (parameters ?1, ?2, … in order), locked; held ones skipped. */
    @SuppressWarnings("unchecked")
    private Optional<RoutedCall> lockFirst(String whereAndOrder, Object... parameters) {
        Query query = entityManager.createNativeQuery(
                "select * from routed_call " + whereAndOrder + " limit 1 for update skip locked", RoutedCall.class);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        List<RoutedCall> rows = query.getResultList();
        return rows.stream().findFirst();
    }

    /**
     * 1 for the oldest waiting call of its department, 2 for the next, … (queue order: queued_at, call_id). A callback
     * for an opening still to come is not waiting: the queue passes over it until then
     * ({@link RoutedCallRepository#lockDueQueueHead}), so it is not counted.
     */
    public int placeInLine(RoutedCall call) {
        Number before = (Number) entityManager.createNativeQuery("""
                select count(*) from routed_call o
                where o.state = 'WAITING' and o.department_id = ?1
                  and (o.queued_at, o.call_id) < (?2, ?3)
                  and (o.callback_not_before is null or o.callback_not_before <= ?4)""")
                .setParameter(1, call.departmentId).setParameter(2, call.queuedAt).setParameter(3, call.callId)
                .setParameter(4, Instant.now()).getSingleResult();
        return before.intValue() + 1;
    }

    /** Talk times (answer to end) of the department's conversations that ended since {@code since}. */
    @SuppressWarnings("unchecked")
    public List<Duration> recentHandleTimes(String departmentId, Instant since) {
        List<Number> seconds = entityManager.createNativeQuery("""
                select extract(epoch from (a.ended_at - c.answered_at)) from attempt a
                join routed_call c on c.call_id = a.call_id
                where c.department_id = ?1 and a.state = 'COMPLETED' and a.ended_at >= ?2
                  and c.answered_at is not null and a.ended_at > c.answered_at""")
                .setParameter(1, departmentId).setParameter(2, since).getResultList();
        return seconds.stream().map(s -> Duration.ofMillis(Math.round(s.doubleValue() * 1000))).toList();
    }

    /** Distinct agents who talked to the department's callers since {@code since} or are talking to one now. */
    public int staffedAgents(String departmentId, Instant since) {
        Number agents = (Number) entityManager.createNativeQuery("""
                select count(distinct a.agent_id) from attempt a
                join routed_call c on c.call_id = a.call_id
                where c.department_id = ?1
                  and (a.state = 'ANSWERED' or a.state = 'COMPLETED' and a.ended_at >= ?2)""")
                .setParameter(1, departmentId).setParameter(2, since).getSingleResult();
        return agents.intValue();
    }
}
