package io.contactcenter.routing.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxEntry> {

    /** The {@code WorkLoop} that publishes the outbox. */
    public static final String LOOP = "routing-outbox";

    /** The oldest unpublished records, locked; a batch another replica is publishing is skipped. */
    @SuppressWarnings("unchecked")
    public List<OutboxEntry> lockBatch(int size) {
        return getEntityManager().createNativeQuery(
                        "select * from outbox order by id limit ?1 for update skip locked", OutboxEntry.class)
                .setParameter(1, size).getResultList();
    }
}
