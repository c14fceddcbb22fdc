package io.contactcenter.directory.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The allowed outbound calls of in-app agents and their daily counts (tables {@code outbound_call*}). */
@ApplicationScoped
public class OutboundCallRepository {

    /** An allowed call as recorded. */
    public record Allowed(UUID agentId, String toNumber) {
    }

    private final EntityManager entityManager;

    public OutboundCallRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records the call; false when this call id was recorded before (see {@link #find}). */
    public boolean record(String callId, UUID agentId, String toNumber, Instant at) {
        return entityManager.createNativeQuery("insert into directory.outbound_call "
                        + "(call_id, agent_id, to_number, allowed_at) values (?1, ?2, ?3, ?4) "
                        + "on conflict (call_id) do nothing")
                .setParameter(1, callId).setParameter(2, agentId).setParameter(3, toNumber).setParameter(4, at)
                .executeUpdate() == 1;
    }

    public Optional<Allowed> find(String callId) {
        List<?> rows = entityManager.createNativeQuery(
                        "select agent_id, to_number from directory.outbound_call where call_id = ?1", Object[].class)
                .setParameter(1, callId).getResultList();
        return rows.stream().findFirst().map(row -> (Object[]) row)
                .map(row -> new Allowed((UUID) row[0], (String) row[1]));
    }

    /**
     * Counts one more call of the agent on {@code day} unless it has {@code cap} already: one upsert whose update only
     * happens below the cap, so concurrent requests queue on the row and never pass it together.
     */
    public boolean countBelowCap(UUID agentId, LocalDate day, int cap) {
        return entityManager.createNativeQuery("insert into directory.outbound_call_count (agent_id, day, calls) "
                        + "values (?1, ?2, 1) on conflict (agent_id, day) "
                        + "do update set calls = outbound_call_count.calls + 1 "
                        + "where outbound_call_count.calls < ?3")
                .setParameter(1, agentId).setParameter(2, day).setParameter(3, cap)
                .executeUpdate() == 1;
    }

    /** The agent's calls counted on {@code day}. */
    public int countOn(UUID agentId, LocalDate day) {
        List<?> rows = entityManager.createNativeQuery(
                        "select calls from directory.outbound_call_count where agent_id = ?1 and day = ?2")
                .setParameter(1, agentId).setParameter(2, day).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }
}
