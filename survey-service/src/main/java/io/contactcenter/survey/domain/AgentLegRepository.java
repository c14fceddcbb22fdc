package io.contactcenter.survey.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

@ApplicationScoped
public class AgentLegRepository implements PanacheRepositoryBase<AgentLeg, String> {

    /** The agent leg, created when unknown (the caller's journey row is locked by the caller of this method). */
    public AgentLeg findOrCreate(String legId, String callId) {
        AgentLeg leg = findById(legId);
        if (leg == null) {
            leg = new AgentLeg();
            leg.legId = legId;
            leg.callId = callId;
            leg.createdAt = Instant.now();
            persist(leg);
        }
        return leg;
    }

    /**
     * Records an agent leg's agent and status from an event that neither answers nor ends it, in one statement and
     * without reading the leg (the call's journey row must exist). Applying it twice changes nothing.
     */
    public void recordLegFacts(String legId, String callId, String agentId, String status, Instant now) {
        getEntityManager().createNativeQuery("""
                INSERT INTO agent_leg (leg_id, call_id, agent_id, last_status, created_at)
                VALUES (:legId, :callId, :agentId, :status, :now)
                ON CONFLICT (leg_id) DO UPDATE SET
                    agent_id = COALESCE(EXCLUDED.agent_id, agent_leg.agent_id),
                    last_status = CASE WHEN agent_leg.completed_at IS NULL
                                       THEN COALESCE(EXCLUDED.last_status, agent_leg.last_status)
                                       ELSE agent_leg.last_status END""")
                .setParameter("legId", legId)
                .setParameter("callId", callId)
                .setParameter("agentId", agentId)
                .setParameter("status", status)
                .setParameter("now", now)
                .executeUpdate();
    }

    /** The call's answered agent leg (the latest answered one, should routing ever report two). */
    public Optional<AgentLeg> answeredLeg(String callId) {
        return find("callId = ?1 and answeredAt is not null order by answeredAt desc", callId).firstResultOptional();
    }
}
