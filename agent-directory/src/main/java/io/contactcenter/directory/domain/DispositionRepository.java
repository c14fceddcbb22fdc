package io.contactcenter.directory.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The dispositions each department offers, and the dispositions agents recorded. */
@ApplicationScoped
public class DispositionRepository {

    /** One choice of a department's list. */
    public record Choice(String code, String label) {
    }

    /** A recorded disposition. */
    public record Recorded(String callId, String code, String note, UUID agentId, UUID departmentId,
            Instant recordedAt) {
    }

    private final EntityManager entityManager;

    public DispositionRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @SuppressWarnings("unchecked")
    public List<Choice> choices(UUID departmentId) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                select code, label from directory.department_disposition
                 where department_id = :department order by position""")
                .setParameter("department", departmentId).getResultList();
        return rows.stream().map(r -> new Choice((String) r[0], (String) r[1])).toList();
    }

    public void replaceChoices(UUID departmentId, List<Choice> choices) {
        entityManager.createNativeQuery("delete from directory.department_disposition where department_id = :department")
                .setParameter("department", departmentId).executeUpdate();
        for (int i = 0; i < choices.size(); i++) {
            entityManager.createNativeQuery("""
                    insert into directory.department_disposition (department_id, code, label, position)
                    values (:department, :code, :label, :position)""")
                    .setParameter("department", departmentId).setParameter("code", choices.get(i).code())
                    .setParameter("label", choices.get(i).label()).setParameter("position", i).executeUpdate();
        }
    }

    /** Stores the disposition; false when the agent already recorded one for the call. */
    public boolean record(Recorded disposition) {
        return entityManager.createNativeQuery("""
                insert into directory.disposition (call_id, agent_id, department_id, code, note, recorded_at)
                values (:call, :agent, :department, :code, :note, :at) on conflict do nothing""")
                .setParameter("call", disposition.callId()).setParameter("agent", disposition.agentId())
                .setParameter("department", disposition.departmentId()).setParameter("code", disposition.code())
                .setParameter("note", disposition.note()).setParameter("at", disposition.recordedAt())
                .executeUpdate() == 1;
    }

    public boolean exists(String callId, UUID agentId) {
        return ((Number) entityManager.createNativeQuery(
                        "select count(*) from directory.disposition where call_id = :call and agent_id = :agent")
                .setParameter("call", callId).setParameter("agent", agentId).getSingleResult()).longValue() > 0;
    }

    /** The agent's dispositions recorded at or after {@code from}, newest first (at most {@code limit}). */
    @SuppressWarnings("unchecked")
    public List<Recorded> byAgent(UUID agentId, Instant from, int limit) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                select call_id, code, note, agent_id, department_id, recorded_at from directory.disposition
                 where agent_id = :agent and recorded_at >= :from order by recorded_at desc, call_id limit :limit""")
                .setParameter("agent", agentId).setParameter("from", from).setParameter("limit", limit)
                .getResultList();
        return rows.stream().map(r -> new Recorded((String) r[0], (String) r[1], (String) r[2], (UUID) r[3],
                (UUID) r[4], instant(r[5]))).toList();
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
    }
}
