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

    /**
     * Locks and returns this agent when it is available and idle (or its wrap-up has passed) and not excluded, in any
     * department: a transfer to a named agent. Empty when it is not free or another claim holds it right now.
     */
    public Optional<UUID> lockIfFree(UUID agentId, Collection<UUID> excluded, Instant now) {
        List<?> ids = getEntityManager().createNativeQuery("""
                select a.id from directory.agent a
                 where a.id = :agent
                   and a.status = 'AVAILABLE'
                   and (a.state = 'IDLE' or (a.state = 'WRAP_UP' and a.wrap_up_until <= :now))
                   and a.id not in (:excluded)
                   for update of a skip locked""")
                .setParameter("agent", agentId)
                .setParameter("now", now)
                .setParameter("excluded", excluded.isEmpty() ? List.of(NO_AGENT) : excluded)
                .getResultList();
        return ids.stream().findFirst().map(id -> (UUID) id);
    }

    /**
     * Locks and returns the available agent of the department who has been idle longest, skipping agents
     * another transaction is claiming right now ({@code SKIP LOCKED}): concurrent claims never wait on each
     * other and never get the same agent. An agent whose wrap-up has passed counts as idle.
     */
    public Optional<UUID> lockLongestIdle(UUID departmentId, Collection<UUID> excluded, Instant now) {
        List<?> ids = getEntityManager().createNativeQuery("""
                select a.id from directory.agent a
                  join directory.agent_department d on d.agent_id = a.id
                 where d.department_id = :department
                   and a.status = 'AVAILABLE'
                   and (a.state = 'IDLE' or (a.state = 'WRAP_UP' and a.wrap_up_until <= :now))
                   and a.id not in (:excluded)
                 order by a.last_idle_at, a.id
                 limit 1
                   for update of a skip locked""")
                .setParameter("department", departmentId)
                .setParameter("now", now)
                .setParameter("excluded", excluded.isEmpty() ? List.of(NO_AGENT) : excluded)
                .getResultList();
        return ids.stream().findFirst().map(id -> (UUID) id);
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
