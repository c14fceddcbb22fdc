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

    /** The call's answered agent leg (the latest answered one, should routing ever report two). */
    public Optional<AgentLeg> answeredLeg(String callId) {
        return find("callId = ?1 and answeredAt is not null order by answeredAt desc", callId).firstResultOptional();
    }
}
