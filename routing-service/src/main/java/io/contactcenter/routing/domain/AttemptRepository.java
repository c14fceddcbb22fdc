package io.contactcenter.routing.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class AttemptRepository implements PanacheRepository<Attempt> {

    public Optional<Attempt> byLeg(String legId) {
        return find("agentLegId", legId).firstResultOptional();
    }

    /** A claimed attempt of this agent whose leg uuid is not stored yet. */
    public Optional<Attempt> claimedWithoutLeg(String callId, String agentId) {
        return find("callId = ?1 and agentId = ?2 and agentLegId is null and state = ?3", callId, agentId,
                Attempt.State.CLAIMED).firstResultOptional();
    }

    /**
     * The agents that did not take the call. A cancelled attempt does not count: its agent was released before anybody
     * could answer (a callback's caller did not answer, or left), so it may be claimed again.
     */
    public List<String> agentsTried(String callId) {
        return find("callId = ?1 and state <> ?2", callId, Attempt.State.CANCELLED).stream().map(a -> a.agentId)
                .distinct().toList();
    }
}
