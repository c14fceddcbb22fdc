package io.contactcenter.routing.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class CallTransferRepository implements PanacheRepositoryBase<CallTransfer, String> {

    private static final List<CallTransfer.State> IN_PROGRESS =
            List.of(CallTransfer.State.RINGING, CallTransfer.State.CONSULTING);

    /** The call's transfer in progress, if any. */
    public Optional<CallTransfer> inProgress(String callId) {
        return find("callId = ?1 and state in ?2", callId, IN_PROGRESS).firstResultOptional();
    }

    /** A warm transfer in progress whose check is due (oldest first), if any. */
    public Optional<CallTransfer> nextCheckDue(Instant now) {
        return find("state in ?1 and checkAt <= ?2 order by checkAt", IN_PROGRESS, now).firstResultOptional();
    }

    /**
     * The call's transfer in progress whose target leg this is: by its uuid, or, while the uuid is not stored yet
     * (its first event overtook Vonage's answer to the leg's creation), by the target agent the event names.
     */
    public Optional<CallTransfer> inProgressForLeg(String callId, String legId, String agentId) {
        return inProgress(callId).filter(transfer -> legId.equals(transfer.targetLegId)
                || transfer.targetLegId == null && transfer.targetAgentId != null
                        && transfer.targetAgentId.equals(agentId));
    }
}
