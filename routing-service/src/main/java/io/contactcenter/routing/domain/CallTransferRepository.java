package io.contactcenter.routing.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class CallTransferRepository implements PanacheRepositoryBase<CallTransfer, String> {

    /** The call's transfer in progress, if any. */
    public Optional<CallTransfer> inProgress(String callId) {
        return find("callId = ?1 and state in ?2", callId,
                List.of(CallTransfer.State.RINGING, CallTransfer.State.CONSULTING)).firstResultOptional();
    }
}
