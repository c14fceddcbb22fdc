package io.contactcenter.survey.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class PendingTransferRepository implements PanacheRepositoryBase<PendingTransfer, String> {

    /** The {@code WorkLoop} that makes the transfers. */
    public static final String LOOP = "survey-transfers";

    /**
     * Leases up to {@code limit} due transfers to this instance for {@code lease}: other instances (and later
     * polls of this one) skip them until the lease ends, so a transfer is attempted by one worker at a time.
     */
    @SuppressWarnings("unchecked")
    public List<String> leaseDue(Instant now, Duration lease, int limit) {
        List<Object> ids = getEntityManager().createNativeQuery("""
                UPDATE pending_transfer SET lease_until = :leaseUntil
                WHERE call_id IN (
                    SELECT call_id FROM pending_transfer
                    WHERE next_attempt_at <= :now AND (lease_until IS NULL OR lease_until <= :now)
                    ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING call_id""")
                .setParameter("leaseUntil", Timestamp.from(now.plus(lease)))
                .setParameter("now", Timestamp.from(now))
                .setParameter("limit", limit)
                .getResultList();
        return ids.stream().map(Object::toString).toList();
    }
}
