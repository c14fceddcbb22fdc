package io.contactcenter.routing.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class RoutedCallRepository implements PanacheRepositoryBase<RoutedCall, String> {

    /** The {@code WorkLoop} that serves the waiting queue. */
    public static final String LOOP = "routing-queue";

    /** The call, locked for this transaction (every change to a call goes through this lock). */
    public Optional<RoutedCall> lock(String callId) {
        return findByIdOptional(callId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Inserts a new waiting call unless the call is already known; true when this transaction inserted it.
     * Two transactions inserting the same call concurrently: the second waits for the first and inserts nothing.
     */
    public boolean insertWaiting(String callId, String departmentId, String callerNumber, String regionUrl,
            Instant queuedAt) {
        Instant now = Instant.now();
        return getEntityManager().createNativeQuery("""
                insert into routed_call (call_id, department_id, caller_number, region_url, state, queued_at,
                                         next_try_at, updated_at)
                values (?1, ?2, ?3, ?4, 'WAITING', ?5, ?6, ?6)
                on conflict (call_id) do nothing""")
                .setParameter(1, callId).setParameter(2, departmentId).setParameter(3, callerNumber)
                .setParameter(4, regionUrl).setParameter(5, queuedAt).setParameter(6, now)
                .executeUpdate() == 1;
    }

    /**
     * Inserts a callback asked for while its department was closed (the call's first record in routing): it waits in
     * its department's FIFO from {@code queuedAt} but is not due, nor offered an agent, before {@code notBefore}. A row
     * that only says the caller hung up ({@link #insertGone}: the hang-up was applied first) becomes that callback; any
     * other known call is left as it is. True when this transaction wrote the callback.
     */
    public boolean upsertCallbackAtOpening(String callId, String departmentId, String callerNumber, String regionUrl,
            Instant queuedAt, String callbackNumber, int callbackRetries, Instant notBefore) {
        return getEntityManager().createNativeQuery("""
                insert into routed_call (call_id, department_id, caller_number, region_url, state, queued_at,
                                         next_try_at, updated_at, callback_number, callback_retries, callback_not_before)
                values (?1, ?2, ?3, ?4, 'WAITING', ?5, ?6, ?7, ?8, ?9, ?6)
                on conflict (call_id) do update set
                    department_id = excluded.department_id, caller_number = excluded.caller_number,
                    region_url = excluded.region_url, state = 'WAITING', outcome = null, caller_gone = false,
                    caller_gone_at = null, queued_at = excluded.queued_at, next_try_at = excluded.next_try_at,
                    updated_at = excluded.updated_at, callback_number = excluded.callback_number,
                    callback_retries = excluded.callback_retries, callback_not_before = excluded.callback_not_before
                where routed_call.department_id is null and routed_call.caller_gone""")
                .setParameter(1, callId).setParameter(2, departmentId).setParameter(3, callerNumber)
                .setParameter(4, regionUrl).setParameter(5, queuedAt).setParameter(6, notBefore)
                .setParameter(7, Instant.now()).setParameter(8, callbackNumber).setParameter(9, callbackRetries)
                .executeUpdate() == 1;
    }

    /** Inserts a call whose caller already hung up (its route request has not arrived, or never will). */
    public boolean insertGone(String callId) {
        Instant now = Instant.now();
        return getEntityManager().createNativeQuery("""
                insert into routed_call (call_id, state, outcome, caller_gone, queued_at, next_try_at, updated_at)
                values (?1, 'DONE', 'ABANDONED', true, ?2, ?2, ?2)
                on conflict (call_id) do nothing""")
                .setParameter(1, callId).setParameter(2, now).executeUpdate() == 1;
    }

    /**
     * A due waiting call among the {@code window} oldest of its department, none of whose older calls found no free
     * agent at its last claim: while agents are free, a department's calls are claimed {@code window} at a time;
     * once one of them misses, only the oldest is served until it gets an agent. A callback asked for while the
     * department was closed takes no part before its {@code callback_not_before}: it is not served, and does not hold
     * up the calls behind it. Locked; calls another worker or replica holds are skipped.
     */
    @SuppressWarnings("unchecked")
    public Optional<RoutedCall> lockDueQueueHead(Instant now, int window) {
        List<RoutedCall> rows = getEntityManager().createNativeQuery("""
                select c.* from routed_call c
                where c.state = 'WAITING' and c.next_try_at <= ?1
                  and (c.callback_not_before is null or c.callback_not_before <= ?1)
                  and not exists (select 1 from routed_call o
                                  where o.state = 'WAITING' and o.department_id = c.department_id
                                    and (o.queued_at, o.call_id) < (c.queued_at, c.call_id)
                                    and o.missed_agent_at is not null)
                  and not exists (select 1 from routed_call o
                                  where o.state = 'WAITING' and o.department_id = c.department_id
                                    and (o.queued_at, o.call_id) < (c.queued_at, c.call_id)
                                    and (o.callback_not_before is null or o.callback_not_before <= ?1)
                                  offset ?2 limit 1)
                order by c.next_try_at
                limit 1
                for update of c skip locked""", RoutedCall.class)
                .setParameter(1, now).setParameter(2, window - 1).getResultList();
        return rows.stream().findFirst();
    }

    /**
     * Makes the waiting calls of these departments that found no free agent at their last claim due now (an agent
     * became free); returns how many. A claim in flight for one of them may then be made twice, which the directory
     * answers with the same agent (a claim is idempotent per call).
     */
    public int makeMissedCallsDue(Collection<String> departmentIds, Instant now) {
        if (departmentIds.isEmpty()) {
            return 0;
        }
        return getEntityManager().createNativeQuery("""
                update routed_call set next_try_at = ?1
                where state = 'WAITING' and department_id in (?2) and missed_agent_at is not null
                  and next_try_at > ?1""")
                .setParameter(1, now).setParameter(2, departmentIds).executeUpdate();
    }

    /**
     * A waiting call whose department's max wait has passed (never a callback: its caller is not on the line), and, when
     * its caller was offered a callback, the dialogue's time too (as {@code CallTransitions#overflowDue}) and its due
     * time (it waits for routing to read its records, {@code CallbackTransitions#overflowWhenRead}).
     */
    @SuppressWarnings("unchecked")
    public Optional<RoutedCall> lockOverdue(Instant now, int defaultMaxWaitSeconds, Duration dialogueTime) {
        List<RoutedCall> rows = getEntityManager().createNativeQuery("""
                select * from routed_call
                where state = 'WAITING' and callback_number is null and not caller_gone
                  and coalesce(requeued_at, queued_at) + make_interval(secs => coalesce(max_wait_seconds, ?2)) <= ?1
                  and (callback_offered_at is null
                       or callback_offered_at + make_interval(secs => ?3) <= ?1 and next_try_at <= ?1)
                order by queued_at
                limit 1
                for update skip locked""", RoutedCall.class)
                .setParameter(1, now).setParameter(2, defaultMaxWaitSeconds)
                .setParameter(3, (double) dialogueTime.toMillis() / 1000).getResultList();
        return rows.stream().findFirst();
    }

    /** A call whose agent leg still has to be created (a retry is due). */
    public Optional<RoutedCall> lockDueCalling(Instant now) {
        return lockDue("CALLING", now);
    }

    /** A call whose agent leg rang past its ringing timeout plus grace without a final event. */
    public Optional<RoutedCall> lockStaleRinging(Instant now) {
        return lockDue("RINGING", now);
    }

    /** A call connected for longer than {@code routing.queue.connected-check-after} (its agent leg is due a check). */
    public Optional<RoutedCall> lockDueConnectedCheck(Instant now) {
        return lockDue("CONNECTED", now);
    }

    @SuppressWarnings("unchecked")
    private Optional<RoutedCall> lockDue(String state, Instant now) {
        List<RoutedCall> rows = getEntityManager().createNativeQuery("""
                select * from routed_call
                where state = ?1 and next_try_at <= ?2
                order by next_try_at
                limit 1
                for update skip locked""", RoutedCall.class)
                .setParameter(1, state).setParameter(2, now).getResultList();
        return rows.stream().findFirst();
    }

    /** When the oldest call waiting in the department's queue was queued. */
    public Optional<Instant> oldestWaiting(String departmentId) {
        return find("state = ?1 and departmentId = ?2 order by queuedAt", RoutedCall.State.WAITING, departmentId)
                .firstResultOptional().map(call -> call.queuedAt);
    }

    /** The calls with an agent connected whose caller is still there, oldest answer first. */
    public List<RoutedCall> connected() {
        return list("state = ?1 and callerGone = false order by answeredAt", RoutedCall.State.CONNECTED);
    }

    /**
     * Per department: number of waiting calls and the oldest queued_at; a callback for an opening still to come is not
     * waiting yet.
     */
    @SuppressWarnings("unchecked")
    public List<Object[]> queueStats() {
        return getEntityManager().createNativeQuery("""
                select department_id, count(*), min(queued_at) from routed_call
                where state = 'WAITING' and (callback_not_before is null or callback_not_before <= ?1)
                group by department_id""").setParameter(1, Instant.now()).getResultList();
    }
}
