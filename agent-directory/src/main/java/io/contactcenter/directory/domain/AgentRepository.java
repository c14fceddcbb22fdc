package io.contactcenter.directory.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AgentRepository implements PanacheRepositoryBase<Agent, UUID> {

    /** Never a real agent id: keeps the {@code not in} list of the claim query non-empty. */
    private static final UUID NO_AGENT = new UUID(0, 0);

    public List<Agent> listByName() {
        return listAll(Sort.by("name").and("id"));
    }

    public List<Agent> byEndpoint(EndpointType type, String value) {
        return list("endpointType = ?1 and endpointValue = ?2", type, value);
    }

    /**
     * The agent reached at this endpoint, row-locked, loaded by the locking statement (so never stale). A query for
     * the reason {@link #lockById} gives.
     */
    public Optional<Agent> lockByEndpoint(EndpointType type, String value) {
        return find("endpointType = ?1 and endpointValue = ?2", type, value)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The agents of this name, ignoring case (sign-in). */
    public List<Agent> byNameIgnoringCase(String name) {
        return list("lower(name) = lower(?1)", name);
    }

    public boolean endpointTaken(EndpointType type, String value, UUID exceptId) {
        return count("endpointType = ?1 and endpointValue = ?2 and id <> ?3", type, value, exceptId) > 0;
    }

    public long countInDepartment(UUID departmentId) {
        return getEntityManager()
                .createQuery("select count(a) from Agent a where :department member of a.departmentIds", Long.class)
                .setParameter("department", departmentId)
                .getSingleResult();
    }

    /**
     * The agent, row-locked. A query rather than {@code findById(id, lock)}: under concurrent claims and releases
     * Hibernate's lock-and-load path failed now and then with an NPE (no entity entry) and the request with a 500.
     */
    public Agent lockById(UUID id) {
        return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The assignment row {@link #reserve} inserts (RESERVED, inbound) with the agent it reserves. */
    public record NewAssignment(UUID id, String callId, UUID departmentId, Instant claimedAt, String callerNumber,
            Instant waitingSince, Integer attempt, String transferId) {
    }

    /**
     * Reserves a free agent for a call in one statement and returns it: the named {@code agentId} (a transfer to a
     * named agent, whatever its departments) or else the longest-idle available agent of the department, never one in
     * {@code excluded}. Free means available and idle, or in a wrap-up that has passed. The chosen row is locked with
     * {@code SKIP LOCKED}, so concurrent claims never wait on each other and never get the same agent; the same
     * statement sets the agent RESERVED (raising its version) and inserts {@code assignment}, which meets the
     * one-live-agent-per-call index here. Empty when no agent is free, the call (or its transfer) already holds one
     * (a repeated claim: no free agent is touched) or the department does not exist.
     */
    public Optional<Agent> reserve(NewAssignment assignment, UUID agentId, Collection<UUID> excluded) {
        String chosen = agentId != null ? """
                select a.id from directory.agent a
                 where a.id = :agent and %s
                   and exists (select 1 from directory.department where id = :department)
                   for update of a skip locked""" : """
                select a.id from directory.agent a
                  join directory.agent_department d on d.agent_id = a.id
                 where d.department_id = :department and %s
                 order by a.last_idle_at, a.id
                 limit 1
                   for update of a skip locked""";
        var query = getEntityManager().createNativeQuery(("""
                with chosen as (
                %s
                ), reserved as (
                    update directory.agent a
                       set state = 'RESERVED', state_since = :now, wrap_up_until = null, version = a.version + 1
                      from chosen where a.id = chosen.id
                    returning a.*
                ), assigned as (
                    insert into directory.assignment (id, call_id, agent_id, department_id, state, claimed_at,
                                                      caller_number, waiting_since, attempt, direction, transfer_id)
                    select cast(:assignment as uuid), cast(:call as varchar), reserved.id, cast(:department as uuid),
                           'RESERVED', cast(:now as timestamptz), cast(:callerNumber as varchar),
                           cast(:waitingSince as timestamptz), cast(:attempt as integer), 'INBOUND',
                           cast(:transfer as varchar)
                      from reserved
                )
                select * from reserved""").formatted(chosen.formatted("""
                a.status = 'AVAILABLE'
                   and (a.state = 'IDLE' or (a.state = 'WRAP_UP' and a.wrap_up_until <= :now))
                   and a.id not in (:excluded)
                   and not exists (select 1 from directory.assignment held
                                    where held.call_id = :call and held.state <> 'RELEASED'
                                      and coalesce(held.transfer_id, '') = coalesce(cast(:transfer as varchar), ''))""")),
                Agent.class)
                .setParameter("department", assignment.departmentId())
                .setParameter("now", assignment.claimedAt())
                .setParameter("excluded", excluded.isEmpty() ? List.of(NO_AGENT) : excluded)
                .setParameter("assignment", assignment.id())
                .setParameter("call", assignment.callId())
                .setParameter("callerNumber", assignment.callerNumber())
                .setParameter("waitingSince", assignment.waitingSince())
                .setParameter("attempt", assignment.attempt())
                .setParameter("transfer", assignment.transferId());
        if (agentId != null) {
            query.setParameter("agent", agentId);
        }
        return query.getResultList().stream().findFirst().map(Agent.class::cast);
    }

    /**
     * The agents whose wrap-up has run out, locked; agents another transaction holds (a claim, another replica's
     * housekeeping) are skipped and seen at the next pass.
     */
    public List<Agent> lockEndedWrapUps(Instant now, int limit) {
        return find("state = ?1 and wrapUpUntil <= ?2", AgentState.WRAP_UP, now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED
                .page(0, limit).list();
    }

    /** Agents per department and state, for the metrics: rows of (department id, state, count). */
    public List<Object[]> countByDepartmentAndState() {
        return getEntityManager().createQuery("""
                select d, a.state, count(a) from Agent a join a.departmentIds d
                 group by d, a.state""", Object[].class).getResultList();
    }
}
