package io.contactcenter.directory.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ActivityOutboxRepository implements PanacheRepositoryBase<ActivityOutboxEntry, Long> {

    /** The oldest unpublished records, locked; a batch another replica is publishing is skipped. */
    @SuppressWarnings("unchecked")
    public List<ActivityOutboxEntry> lockBatch(int size) {
        return getEntityManager().createNativeQuery(
                        "select * from directory.activity_outbox order by id limit ?1 for update skip locked",
                        ActivityOutboxEntry.class)
                .setParameter(1, size).getResultList();
    }
}
