package io.contactcenter.directory.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AssignmentRepository implements PanacheRepositoryBase<CallAssignment, UUID> {

    public Optional<CallAssignment> liveForCall(String callId) {
        return find("callId = ?1 and state <> ?2", callId, AssignmentState.RELEASED).firstResultOptional();
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

    public Optional<CallAssignment> latestForCall(String callId) {
        return find("callId = ?1 order by claimedAt desc", callId).firstResultOptional();
    }
}
